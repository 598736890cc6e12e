import { z } from 'zod';
import { secret } from '../../config/config-section';
import { addressOrSubnet } from '../allow-list';

/** The live API; an application whose username is `sandbox` talks to the sandbox instead. */
export const AT_LIVE_URL = 'https://api.africastalking.com';
export const AT_SANDBOX_URL = 'https://api.sandbox.africastalking.com';

/**
 * `backends.gateways.<name>` of type `africastalking`. In the Africa's Talking dashboard
 * (SMS > SMS Callback URLs) set the incoming messages URL to
 * `<public URL>/backends/<name>/incoming?secret=<secret>` and the delivery reports URL to
 * `<public URL>/backends/<name>/dlr?secret=<secret>`. Africa's Talking signs nothing, so the
 * secret in those URLs (over https) and/or the addresses it calls from are what tell its
 * calls from anyone's.
 *
 * @example
 * gateways:
 *   at:
 *     type: africastalking
 *     username: mwana-zambia          # `sandbox` for the sandbox
 *     apiKey: ...                     # MWANA__BACKENDS__GATEWAYS__AT__API_KEY
 *     from: '40404'                   # a short code or sender id; the account's default without it
 *     secret: a-long-random-url-safe-string
 */
export const africasTalkingOptions = z
  .strictObject({
    /** The Africa's Talking application's username. */
    username: z.string().min(1),
    /** The application's API key (the `apiKey` header). */
    apiKey: secret(z.string().min(1)),
    /** The short code or alphanumeric sender id messages go from. */
    from: z.string().min(1).optional(),
    /** The API's base URL; without it the live API, or the sandbox for the username `sandbox`. */
    apiBaseUrl: z.url().optional(),
    /** Inbound: the `secret` the callback URLs carry. URL-safe, since it is written into them. */
    secret: secret(
      z
        .string()
        .regex(/^[A-Za-z0-9\-._~]{16,}$/, 'expected at least 16 letters, digits, - . _ or ~')
        .optional(),
    ),
    /** Inbound: addresses (or subnets) Africa's Talking calls from, allowed without the secret (the TCP peer). */
    allowFrom: z.array(addressOrSubnet).default([]),
    timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  })
  .refine((o) => o.secret !== undefined || o.allowFrom.length > 0, {
    message: 'set secret or allowFrom: otherwise anyone could post SMS as any phone',
    path: ['secret'],
  });

export type AfricasTalkingOptions = z.output<typeof africasTalkingOptions>;

/** Where messages are sent: `<base>/version1/messaging`. */
export function messagingUrl(options: AfricasTalkingOptions): string {
  const base = options.apiBaseUrl ?? (options.username === 'sandbox' ? AT_SANDBOX_URL : AT_LIVE_URL);
  return `${base.replace(/\/+$/, '')}/version1/messaging`;
}
