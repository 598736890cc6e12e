import { isIP } from 'node:net';
import { z } from 'zod';
import { defineConfigSection } from './config-section';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What a deployment is: its country, languages, clock and SMS length. */
export const countryConfig = defineConfigSection('country', {
  /** Display name, e.g. Malawi. */
  name: z.string().min(1),
  /** ISO 3166 alpha-2 code: the default region for phone numbers (MW, ZM). */
  code: z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter ISO country code such as MW'),
  timezone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Africa/Blantyre'),
  /** Languages contacts may choose (LANGUAGE <code or name>): gettext codes and their names. */
  languages: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'expected a gettext language code such as bem or chi_MW'),
        name: z.string().min(1),
      }),
    )
    .min(1)
    .default([{ code: 'en', name: 'English' }]),
  /** The language of contacts who chose none; must be one of `languages`. */
  defaultLanguage: z.string().default('en'),
  /** Longest SMS the gateway takes before the reply is split. */
  smsMaxLength: z.number().int().min(70).max(1600).default(160),
});

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or one of proxy-addr's names. */
function isProxyAddress(value: string): boolean {
  if (PROXY_NAMES.includes(value)) return true;
  const [address, bits, extra] = value.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Requests per address in a window, on one kind of authentication route. */
const budget = (max: number) =>
  z
    .strictObject({
      max: z.number().int().min(1).default(max),
      windowSeconds: z.number().int().min(1).max(86_400).default(60),
    })
    .prefault({});

export const httpConfig = defineConfigSection('http', {
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8000),
  /**
   * The address gateways and browsers use, when a proxy stands in front
   * (https://mwana.example.org). An https address makes every cookie Secure and adds HSTS.
   */
  publicUrl: z.url().optional(),
  /**
   * The proxies whose X-Forwarded-For/-Proto are believed: addresses or CIDR ranges
   * (`[127.0.0.1]`, `[10.0.0.0/8]`), or `loopback`. Empty (the default): none, the peer is
   * the client, so no client can claim another address or https.
   */
  trustProxy: z
    .array(z.string().refine(isProxyAddress, 'expected an IP address, a CIDR range or loopback'))
    .default([]),
  /**
   * Per client address, across every process (counted in PostgreSQL): `passwords` for routes
   * that take a password (console login, lab upload), `tokens` for requests with an API token;
   * and per API token (`perToken`), whatever address it comes from. A client over its budget
   * is answered 429 with Retry-After.
   */
  rateLimit: z
    .strictObject({
      passwords: budget(20),
      tokens: budget(300),
      perToken: budget(120),
    })
    .prefault({}),
});

export type HttpSettings = z.output<typeof httpConfig.schema>;

export type CountrySettings = z.output<typeof countryConfig.schema>;
