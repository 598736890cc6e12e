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
 * inside is masked whole in the text as received too. Empty secrets are ignored.
 *
 * @example maskSecrets('JOIN CLINIC 403012 Mary 8765', ['8765']) // 'JOIN CLINIC 403012 Mary ••••'
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
  for (let at = plain.indexOf(secret); at >= 0; at = plain.indexOf(secret, at + secret.length)) {
    out += text.slice(last, from[at]) + replacement;
    last = from[at + secret.length - 1] + 1;
  }
  return out + text.slice(last);
}
