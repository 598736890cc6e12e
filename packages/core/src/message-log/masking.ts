import { plainTyping } from '../text/typing';

/** What a PIN is stored as, whatever its length (a length would tell something). */
export const MASKED_PIN = '••••';
/** What a result value is stored as (`P-0001;Detected` -> `P-0001;•••`): the same for every value. */
export const MASKED_RESULT = '•••';

/** A PIN (digits) is masked as a PIN, anything else (a result word) as a result value. */
function maskOf(secret: string): string {
  return /^\d+$/.test(secret) ? MASKED_PIN : MASKED_RESULT;
}

/**
 * `text` with every occurrence of each secret replaced by its mask (`••••` for digits, `•••`
 * otherwise, or `mask`), longest secrets first so one that contains another is masked whole.
 * An occurrence is found as the handler read it, after string cleaning's look-alikes
 * (`plainTyping`): a PIN typed in full-width digits (`１２３４`) or with a zero-width mark
 * inside is masked whole in the text as received too. Digits are a secret only where no
 * other digit touches them: PIN 4030 is not in clinic 403012 or a phone number, but it is
 * in `PIN4030`. Empty secrets are ignored.
 *
 * @example maskSecrets('JOIN CLINIC 403012 Mary 4030', ['4030']) // 'JOIN CLINIC 403012 Mary ••••'
 */
export function maskSecrets(text: string, secrets: readonly string[], mask?: string): string {
  let masked = text;
  for (const secret of [...new Set(secrets)].filter(Boolean).sort((a, b) => b.length - a.length)) {
    masked = maskTyped(masked, secret, mask ?? maskOf(secret));
  }
  return masked;
}

/** True when some secret occurs in `text` (as `maskSecrets` finds them). */
export function containsSecret(text: string, secrets: readonly string[]): boolean {
  const plain = plainTyping(text);
  return secrets.some((secret) => secret !== '' && plain.includes(secret));
}

/** Replaces each occurrence of `secret` in the plain reading of `text`, mapped back to the units of `text`. */
function maskTyped(text: string, secret: string, replacement: string): string {
  let plain = '';
  const from: number[] = []; // for each unit of `plain`, its index in `text`
  for (let i = 0; i < text.length; i++) {
    const unit = plainTyping(text[i]); // one unit in, at most one out
    if (unit === '') continue;
    plain += unit;
    from.push(i);
  }
  let out = '';
  let last = 0;
  const digits = /^\d+$/.test(secret);
  const digitAt = (i: number) => i >= 0 && i < plain.length && plain[i] >= '0' && plain[i] <= '9';
  for (let at = plain.indexOf(secret); at >= 0; at = plain.indexOf(secret, at + 1)) {
    if (at < last || (digits && (digitAt(at - 1) || digitAt(at + secret.length)))) continue;
    out += text.slice(last, from[at]) + replacement;
    last = from[at + secret.length - 1] + 1;
  }
  return out + text.slice(last);
}

/** A whole text that is a PIN's shape (4 to 8 digits, as `checkedPin` takes): masked in the message log whoever handled it. */
const PIN_REPLY = /^\s*(\d{4,8})\s*$/;

/** The PIN a whole text may be (`1234`, ` 87654321 `), else none: masked even when no handler marked it. */
export function pinShapedText(text: string): string[] {
  const match = PIN_REPLY.exec(text);
  return match ? [match[1]] : [];
}

/** A standalone run of four digits (a JOIN's PIN's shape), not part of a longer number or a word. */
const FOUR_DIGITS = /(?<![\p{L}\p{N}])\d{4}(?![\p{L}\p{N}])/gu;
/** A standalone run of 4 to 8 digits (any PIN's shape). */
const PIN_SHAPED = /(?<![\p{L}\p{N}])\d{4,8}(?![\p{L}\p{N}])/gu;

/**
 * The PIN-shaped words of a free text (a help request): `could` are those that could be
 * a PIN whoever sent them (four digits), `maybe` the longer ones (5 to 8 digits), a PIN only
 * if they match the sender's.
 */
export function pinShapedWords(text: string): { could: string[]; maybe: string[] } {
  const could = [...text.matchAll(FOUR_DIGITS)].map((m) => m[0]);
  const maybe = [...text.matchAll(PIN_SHAPED)].map((m) => m[0]).filter((w) => w.length > 4);
  return { could: [...new Set(could)], maybe: [...new Set(maybe)] };
}
