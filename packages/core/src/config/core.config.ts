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

export const httpConfig = defineConfigSection('http', {
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8000),
  /** The address gateways call back, when a proxy stands in front (https://mwana.example.org). */
  publicUrl: z.url().optional(),
});

export type CountrySettings = z.output<typeof countryConfig.schema>;
