import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CallbackUrls } from './callback-urls';
import { GatewayWebhookController } from './gateway-webhook.controller';
import { HttpBackend } from './http/http.backend';
import { HttpWebhooks } from './http/http.webhooks';
import { KannelBackend } from './kannel/kannel.backend';
import { KannelWebhooks } from './kannel/kannel.webhooks';
import { TwilioBackend } from './twilio/twilio.backend';
import { TwilioWebhooks } from './twilio/twilio.webhooks';

/**
 * The real gateways: Kannel, Twilio and a generic HTTP one. Each type's adapter sends (found
 * by the sender through `@BackendType`) and its webhooks answer under `/backends/<name>/...`
 * (found by the one webhook controller through `@GatewayWebhooks`). InboundService,
 * OutboxService and MwanaConfig come from core's global modules.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [GatewayWebhookController],
  providers: [CallbackUrls, KannelBackend, KannelWebhooks, TwilioBackend, TwilioWebhooks, HttpBackend, HttpWebhooks],
})
export class GatewaysModule {}
