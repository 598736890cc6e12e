import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { z } from 'zod';

/** One SMS for a gateway to send: already rendered, split and encoded by the router. */
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
export class BackendSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'BackendSendError';
  }
}

/**
 * A gateway type (kannel, twilio, http, tester): validates the options of each configured
 * backend of its type and sends through it. Inbound is a controller under
 * `/backends/:name/...` that hands what arrives to `InboundService`.
 *
 * @example
 * @BackendType('kannel')
 * export class KannelBackend implements SmsBackendAdapter<KannelOptions> {
 *   readonly options = kannelOptions; // a zod schema
 *   async send(sms: OutboundSms, options: KannelOptions): Promise<SendOutcome> { ... }
 * }
 */
export interface SmsBackendAdapter<Options = unknown> {
  /** The schema of `backends.<name>` entries of this type (without `type`). */
  readonly options: z.ZodType<Options>;
  send(sms: OutboundSms, options: Options, backendName: string): Promise<SendOutcome>;
}

export const BackendTypeMeta = DiscoveryService.createDecorator<string>();

/** Declares a gateway type, found through discovery. */
export function BackendType(type: string): ClassDecorator {
  return applyDecorators(Injectable(), BackendTypeMeta(type));
}
