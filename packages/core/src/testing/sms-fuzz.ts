import { percentEncode } from '../gateways/kannel/kannel-text';

/**
 * SMS texts as phones and SMSCs send them, for the fuzz of the Kannel endpoint (the jest
 * spec runs a few hundred, `bench/sms-fuzz.ts` 100,000): empty, 2,000+ characters, code
 * points from every Unicode plane, NUL and control characters, lone surrogates and an odd
 * number of bytes in UTF-16BE, bytes that are not UTF-8, SQL and HTML fragments. Each case
 * is the query Kannel's get-url would carry and what the message log must give back
 * (`originalText`): the exact string, or the exact bytes when no charset reads them.
 */
export interface FuzzSms {
  /** `text=...&charset=...&coding=...`: the text's part of Kannel's query. */
  readonly query: string;
  readonly expected: string | Buffer;
  readonly kind: string;
}

const FRAGMENTS = [
  "'; DROP TABLE message; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "1' OR '1'='1",
  '%00%ff%%%',
  '\\x00\\u0000',
  '$1 $$ ${text} {{x}}',
  'CHECK\r\nRESULT\ttab',
];

/** A small seeded generator (mulberry32), so a failing case can be made again from its number. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A code point of plane `plane` (0-16), not a surrogate. */
function codePoint(next: () => number, plane: number): number {
  for (;;) {
    const cp = plane * 0x10000 + Math.floor(next() * 0x10000);
    if (cp < 0xd800 || cp > 0xdfff) return cp;
  }
}

function utf8Case(text: string, kind: string): FuzzSms {
  return { query: `text=${percentEncode(Buffer.from(text, 'utf8'))}&charset=UTF-8&coding=0`, expected: text, kind };
}

function utf16Case(units: readonly number[], kind: string, extraByte?: number): FuzzSms {
  const bytes = Buffer.alloc(units.length * 2 + (extraByte === undefined ? 0 : 1));
  units.forEach((unit, i) => bytes.writeUInt16BE(unit, i * 2));
  if (extraByte !== undefined) bytes[bytes.length - 1] = extraByte;
  const expected = extraByte === undefined ? String.fromCharCode(...units) : bytes;
  return { query: `text=${percentEncode(bytes)}&charset=UTF-16BE&coding=2`, expected, kind };
}

/** The `n`th case (any n: each is made from its number alone). */
export function fuzzSms(n: number): FuzzSms {
  const next = random(n + 1);
  const int = (max: number) => Math.floor(next() * max);
  const units = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
  switch (n % 10) {
    case 0:
      return n % 20 === 0 ? utf8Case('', 'empty') : utf16Case([], 'empty');
    case 1: {
      // 2,000+ characters: a concatenated SMS of 14+ parts.
      const length = 2000 + int(1500);
      const text = Array.from({ length }, () => String.fromCharCode(0x20 + int(0x5f))).join('');
      return utf8Case(text, 'long GSM');
    }
    case 2: {
      const length = 2000 + int(500);
      const text = Array.from({ length }, () => String.fromCodePoint(codePoint(next, int(2)))).join('');
      return utf16Case(units(text), 'long UCS-2');
    }
    case 3: {
      // Every plane, 0 to 16.
      const text = Array.from({ length: 1 + int(40) }, () => String.fromCodePoint(codePoint(next, int(17)))).join('');
      return n % 20 === 3 ? utf8Case(text, 'every plane') : utf16Case(units(text), 'every plane');
    }
    case 4: {
      // NUL and the other control characters, among letters.
      const text = Array.from({ length: 1 + int(60) }, () =>
        next() < 0.5 ? String.fromCharCode(int(0x20)) : String.fromCharCode(0x41 + int(26)),
      ).join('');
      return n % 20 === 4 ? utf16Case(units(`${text}\u0000`), 'control') : utf8Case(`\u0000${text}\u007f`, 'control');
    }
    case 5: {
      // Lone surrogates: half an emoji, at the start, the middle or the end.
      const text = units(`CHECK ${String.fromCodePoint(codePoint(next, 1 + int(16)))} ok`);
      const lone = next() < 0.5 ? 0xd800 + int(0x400) : 0xdc00 + int(0x400);
      text.splice(int(text.length + 1), 0, lone);
      return utf16Case(text, 'lone surrogate');
    }
    case 6:
      // An odd number of UTF-16BE bytes.
      return utf16Case(units(`RESULT ${n}`), 'odd UTF-16BE', int(256));
    case 7: {
      // Bytes that are not UTF-8 although Kannel says they are.
      const bytes = Buffer.from([0x43, 0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0x80 + int(64), 0xf0, 0x90]);
      return { query: `text=${percentEncode(bytes)}&charset=UTF-8&coding=0`, expected: bytes, kind: 'bad UTF-8' };
    }
    case 8: {
      const fragment = FRAGMENTS[int(FRAGMENTS.length)];
      return n % 20 === 8 ? utf8Case(fragment, 'SQL/HTML') : utf16Case(units(fragment), 'SQL/HTML');
    }
    default: {
      const text = Array.from({ length: int(400) }, () => String.fromCodePoint(codePoint(next, 0))).join('');
      return utf8Case(text, 'BMP');
    }
  }
}

/** True when what the message log gives back (`originalText`) is what the case sent. */
export function sameAsSent(sent: string | Buffer, stored: string | Buffer): boolean {
  if (typeof sent === 'string') return typeof stored === 'string' && stored === sent;
  return Buffer.isBuffer(stored) && stored.equals(sent);
}
