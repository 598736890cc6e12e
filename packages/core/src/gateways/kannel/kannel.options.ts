import { z } from 'zod';
import { secret } from '../../config/config-section';
import { addressOrSubnet } from '../allow-list';

const paramName = z.string().regex(/^[A-Za-z0-9_-]+$/);

/**
 * `backends.gateways.<name>` of type `kannel`. Kannel's `sms-service` calls
 * `/backends/<name>/incoming`; each SMS goes out through its `cgi-bin/sendsms`, with a
 * `dlr-url` back to `/backends/<name>/dlr`.
 *
 * @example
 * gateways:
 *   zain:
 *     type: kannel
 *     sendsmsUrl: http://127.0.0.1:13013/cgi-bin/sendsms
 *     username: mwana
 *     password: secret
 *     smsc: zain
 *     from: '5555'
 *     secret: a-long-random-string     # and/or allowFrom: [127.0.0.1]
 */
export const kannelOptions = z
  .strictObject({
    sendsmsUrl: z.url().default('http://127.0.0.1:13013/cgi-bin/sendsms'),
    /** A `sendsms-user` of Kannel's smsbox. */
    username: z.string().min(1),
    password: secret(z.string().min(1)),
    /** The SMSC to send through (Kannel's `smsc-id`); Kannel routes by itself without it. */
    smsc: z.string().min(1).optional(),
    /** The sender address (a short code); Kannel's default without it. */
    from: z.string().min(1).optional(),
    /** Inbound: the `secret` Kannel's get-url carries. URL-safe, since it also goes into the dlr-url. */
    secret: secret(
      z
        .string()
        .regex(/^[A-Za-z0-9\-._~]{12,}$/, 'expected at least 12 letters, digits, - . _ or ~')
        .optional(),
    ),
    /** Inbound: addresses (or subnets) Kannel calls from, allowed without the secret. */
    allowFrom: z.array(addressOrSubnet).default([]),
    /** Which delivery reports Kannel sends: 1 delivered, 2 failed, 4 buffered, 8 SMSC accepted, 16 SMSC rejected. */
    dlrMask: z.number().int().min(0).max(31).default(31),
    /** The base URL Kannel calls for delivery reports; `http.publicUrl`, else this process's address, without it. */
    callbackUrl: z.url().optional(),
    /** Send `to` without its `+` (some SMSCs want bare international numbers). */
    stripPlus: z.boolean().default(false),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /** Names of the get-url's query fields, if the sms-service uses others. */
    params: z
      .strictObject({
        from: paramName.default('id'),
        text: paramName.default('text'),
        charset: paramName.default('charset'),
        coding: paramName.default('coding'),
        messageId: paramName.default('message_id'),
        secret: paramName.default('secret'),
      })
      .prefault({}),
  })
  .refine((o) => o.secret !== undefined || o.allowFrom.length > 0, {
    message: 'set secret or allowFrom: otherwise anyone could post SMS as any phone',
    path: ['secret'],
  });

export type KannelOptions = z.output<typeof kannelOptions>;
