import type { TextParams } from './translatable';
import { I18nError, I18nErrorCode } from './i18n.error';

// `{name}`: a word in braces, as python-brace-format. Anything else with braces (`{ }`, `{a b}`)
// is text; there is no `{{` escape because no SMS text needs a literal `{word}`.
const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholder names of a text, each once, in order of first use. */
export function placeholderNames(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1]))];
}

/**
 * Puts values into a text's placeholders. A placeholder without a value throws, naming it, so
 * `{name}` never reaches a phone; values the text does not use are ignored, because a
 * translation may leave one out (a singular form without `{count}`).
 */
export function interpolate(template: string, params: TextParams, where: string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    // Own properties only: a text with {constructor} must not print Object's constructor.
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined)
      throw new I18nError(I18nErrorCode.MissingValue, `No value for {${name}} in ${where}: "${template}"`);
    return String(value);
  });
}
