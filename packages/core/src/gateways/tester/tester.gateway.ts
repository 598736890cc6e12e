import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { defineGateway, type GatewaySender, type OutboundSms, type SendOutcome } from '../gateway';

/**
 * The message tester's gateway (`backends.gateways.<name>.type: tester`): nothing leaves
 * the server. The reply row is the conversation the tester page shows, so "sending" just
 * marks it delivered, as RapidSMS's DatabaseBackend did for the httptester.
 */
@Injectable()
export class TesterSender implements GatewaySender<Record<string, never>> {
  async send(sms: OutboundSms): Promise<SendOutcome> {
    return { providerId: `tester-${sms.id}`, delivered: true };
  }
}

/** Typed in through the console's message tester (`/console/tester`), answered in its page. */
export const testerGateway = defineGateway({ type: 'tester', options: z.strictObject({}), sender: TesterSender });
