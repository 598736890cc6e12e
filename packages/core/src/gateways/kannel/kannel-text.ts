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
  return decodeKannelBytes(bytes, coding, charset).text;
}

/**
 * As `decodeKannelText`, and the bytes themselves (`original`: `{"bytes": "<hex>", "coding",
 * "charset"}`) when the text cannot give them back: an odd number of UTF-16BE bytes, bytes
 * that are not the charset's. UTF-16BE is read code unit by code unit, so a lone surrogate
 * stays in the text (and the message store keeps it, escaped) rather than becoming U+FFFD.
 */
export function decodeKannelBytes(
  bytes: Buffer,
  coding: string | undefined,
  charset: string | undefined,
): { text: string; original: string | null } {
  const label = charset?.trim().toLowerCase() ?? '';
  const raw = () => JSON.stringify({ bytes: bytes.toString('hex'), coding: coding ?? null, charset: charset ?? null });
  if (coding === '2' || label === 'utf-16be' || label === 'ucs-2' || label === 'utf-16') {
    let text = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode(bytes.readUInt16BE(i));
    if (bytes.length % 2 === 0) return { text, original: null };
    return { text: `${text}\uFFFD`, original: raw() };
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label || 'utf-8', { fatal: true, ignoreBOM: true });
  } catch {
    // An unknown label (Kannel's "8-BIT" for binary messages): read it as UTF-8.
    decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  }
  try {
    return { text: decoder.decode(bytes), original: null };
  } catch {
    return { text: new TextDecoder(decoder.encoding).decode(bytes), original: raw() };
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
