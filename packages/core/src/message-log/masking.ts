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
 * Empty secrets are ignored.
 *
 * @example maskSecrets('JOIN CLINIC 403012 Mary 8765', ['8765']) // 'JOIN CLINIC 403012 Mary ••••'
 */
export function maskSecrets(text: string, secrets: readonly string[], mask?: string): string {
  let masked = text;
  for (const secret of [...new Set(secrets)].filter(Boolean).sort((a, b) => b.length - a.length)) {
    masked = masked.split(secret).join(mask ?? maskOf(secret));
  }
  return masked;
}

/** True when some secret occurs in `text`. */
export function containsSecret(text: string, secrets: readonly string[]): boolean {
  return secrets.some((secret) => secret !== '' && text.includes(secret));
}
