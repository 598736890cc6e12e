import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The one form of a phone number Mwana stores: E.164 (`+260977123456`), whatever way the
 * gateway or a user wrote it (`0977123456`, `260977123456`, `00260977123456`,
 * `+260 97 712 3456`). Anything that is not a phone number (a short code such as `440`,
 * an operator's alphanumeric sender, a tester name) is kept as given, trimmed: it is still
 * an identity, just not one we can dial.
 */
export function normalizeIdentity(raw: string, defaultCountry: string): string {
  const trimmed = raw.trim();
  const compact = trimmed.replace(/[\s().-]/g, '');
  if (!/^\+?\d{7,15}$/.test(compact) && !/^00\d{7,15}$/.test(compact)) return trimmed;
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  const candidates = international.startsWith('+') ? [international] : [international, `+${international}`];
  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate, defaultCountry as CountryCode);
    if (parsed?.isValid()) return parsed.number;
  }
  // A number no numbering plan knows (a test SIM, a new range): keep its digits, with + if
  // it was written internationally, so the same writing still finds the same connection.
  return international;
}

/** `+260977123456` -> `+260977***456`: phone numbers in logs are masked. */
export function maskIdentity(identity: string): string {
  if (identity.length < 8) return identity.replace(/.(?=.{2})/g, '*');
  return `${identity.slice(0, 7)}***${identity.slice(-3)}`;
}
