import type { Catalogue } from './catalogue';
import { type Message, registeredMessages } from './messages';
import { isSourceLanguage } from './translator';

export interface MissingTranslations {
  readonly language: string;
  /** Texts that language's contacts get in the default language or English instead. */
  readonly messages: readonly Message[];
}

/**
 * For each language but English, the messages the catalogue does not translate, by the rules
 * the Translator uses: an empty, fuzzy or incomplete (a plural form missing) entry is missing.
 */
export function findMissingTranslations(
  catalogue: Catalogue,
  languages: readonly string[],
  messages: readonly Message[] = registeredMessages(),
): MissingTranslations[] {
  return [...new Set(languages)]
    .filter((language) => !isSourceLanguage(language))
    .map((language) => ({ language, messages: messages.filter((message) => !catalogue.find(language, message)) }));
}
