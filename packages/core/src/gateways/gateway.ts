import type { Provider, Type } from '@nestjs/common';
import type { z } from 'zod';
import type { GatewayRoutes } from './gateway-webhooks';

/** One SMS for a gateway to send: already rendered, split and encoded by the outbox. */
export interface OutboundSms {
  /** Mwana's message id: gateways echo it back in delivery reports. */
  readonly id: string;
  /** The recipient as stored: E.164 for phones. */
  readonly to: string;
  readonly text: string;
  readonly encoding: 'GSM-7' | 'UCS-2';
}

export interface SendOutcome {
  /** The gateway's id for the message, for delivery reports; null when it gives none. */
  readonly providerId: string | null;
  /** Some gateways (the tester) deliver synchronously. */
  readonly delivered?: boolean;
}

/**
 * A failed send. `retryable` errors (timeouts, 5xx, connection refused) are tried again with
 * backoff; the others (a rejected number, bad credentials) fail the message at once.
 */
export class GatewaySendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'GatewaySendError';
  }
}

/** The sending half of a gateway type: one call per SMS, with the gateway's validated options. */
export interface GatewaySender<Options = unknown> {
  send(sms: OutboundSms, options: Options, gatewayName: string): Promise<SendOutcome>;
}

/**
 * A gateway type (kannel, twilio, http, tester, africastalking): the schema of the options
 * of each gateway of that type (`backends.gateways.<name>`, checked by the config chain at
 * boot, its secrets marked with `secret()` so `mwana config` masks them), the provider
 * that sends, and the provider whose routes answer under `/backends/<name>/...`. The
 * registry (`GatewayRegistry`) builds one entry per configured gateway from these.
 *
 * @example
 * export const kannelGateway = defineGateway({
 *   type: 'kannel',
 *   options: kannelOptions, // a zod object, without `type`
 *   sender: KannelSender,
 *   webhooks: KannelWebhooks,
 * });
 */
export interface GatewayDefinition<Options extends z.ZodObject = z.ZodObject> {
  readonly type: string;
  readonly options: Options;
  readonly sender: Type<GatewaySender<z.output<Options>>>;
  readonly webhooks?: Type<GatewayRoutes<z.output<Options>>>;
  /** Other providers the type's sender or webhooks inject. */
  readonly providers?: readonly Provider[];
}

export function defineGateway<Options extends z.ZodObject>(
  definition: GatewayDefinition<Options>,
): GatewayDefinition<Options> {
  return definition;
}
