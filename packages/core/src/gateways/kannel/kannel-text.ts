/**
 * Text to and from Kannel at the byte level. Kannel puts the SMS's own bytes in its URLs:
 * for a UCS-2 message (coding 2) those are UTF-16BE, which a UTF-8 query parser would turn
 * into replacement characters. So the query is decoded to bytes first, then by charset.
 */

const HEX = /^[0-9A-Fa-f]{2}$/;

/** The fields of a raw query string (`a=1&b=%12%09`), each value as the bytes it encodes; `+` is a space. */
export function queryBytes(rawQuery: string): Map<string, Buffer> {
  const fields = new Map<string, Buffer>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = percentDecode(eq === -1 ? pair : pair.slice(0, eq)).toString('utf8');
    // The first value wins, as in most query parsers.
    if (!fields.has(key)) fields.set(key, percentDecode(eq === -1 ? '' : pair.slice(eq + 1)));
  }
  return fields;
}

function percentDecode(encoded: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const char = encoded[i];
    const hex = encoded.slice(i + 1, i + 3);
    if (char === '%' && HEX.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (char === '+') {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/**
 * The text of an inbound SMS from Kannel's `%b` (or `%a`) bytes: UTF-16BE when the coding
 * is 2 (UCS-2) or the charset says so, otherwise the charset Kannel names (`%C`: UTF-8 for
 * 7-bit messages), UTF-8 when it names none or one we do not know.
 */
export function decodeKannelText(bytes: Buffer, coding: string | undefined, charset: string | undefined): string {
  const label = charset?.trim().toLowerCase() ?? '';
  if (coding === '2' || label === 'utf-16be' || label === 'ucs-2' || label === 'utf-16') {
    return new TextDecoder('utf-16be').decode(bytes);
  }
  try {
    return new TextDecoder(label || 'utf-8').decode(bytes);
  } catch {
    // An unknown label (Kannel's "8-BIT" for binary messages): read it as UTF-8.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** `%XX` for every byte but the unreserved ones, so any byte sequence survives a URL. */
export function percentEncode(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** UTF-16BE bytes of a text: what Kannel takes with `coding=2&charset=UTF-16BE`. */
export function utf16be(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf16le');
  return bytes.swap16();
}
