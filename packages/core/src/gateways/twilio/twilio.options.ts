import { z } from 'zod';
import { secret } from '../../config/config-section';

/**
 * `backends.gateways.<name>` of type `twilio`. Point the number's (or messaging service's)
 * incoming webhook at `<public URL>/backends/<name>/incoming` (POST); status callbacks
 * come to `/backends/<name>/status` by themselves.
 *
 * @example
 * gateways:
 *   twilio:
 *     type: twilio
 *     accountSid: AC0123456789abcdef0123456789abcdef
 *     authToken: your-auth-token
 *     from: '+15005550006'            # or messagingServiceSid: MG...
 *     publicUrl: https://mwana.example.org   # http.publicUrl is used without it
 */
export const twilioOptions = z
  .strictObject({
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hexadecimal digits'),
    /** Signs webhooks and authenticates API calls. */
    authToken: secret(z.string().min(1)),
    /** The sending number (E.164) or alphanumeric sender. */
    from: z.string().min(1).optional(),
    /** A messaging service instead of `from`. */
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'expected MG followed by 32 hexadecimal digits')
      .optional(),
    /** Twilio's REST API; a local fake in tests. */
    apiBaseUrl: z.url().default('https://api.twilio.com'),
    /**
     * The base URL Twilio calls (and signs): behind a proxy it differs from what this process
     * sees. Without it `http.publicUrl`, else the request's own (X-Forwarded-* honoured).
     */
    publicUrl: z.url().optional(),
    /** Ask for status callbacks (delivered, failed ...) on every message sent. */
    statusCallback: z.boolean().default(true),
    timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  })
  .refine((o) => (o.from === undefined) !== (o.messagingServiceSid === undefined), {
    message: 'set exactly one of from and messagingServiceSid',
    path: ['from'],
  });

export type TwilioOptions = z.output<typeof twilioOptions>;
