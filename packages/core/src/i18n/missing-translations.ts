import type { Catalogue } from './catalogue';
import { type Message, registeredMessages } from './messages';
import { isSourceLanguage } from './translator';

export interface MissingTranslations {
  readonly language: string;
  /** Texts that language's contacts get in the default language or English instead. */
  readonly messages: readonly Message[];
  /** Texts sent from a `#, fuzzy` draft: translated, but no native speaker has reviewed them. */
  readonly fuzzy: readonly Message[];
  /** Texts with a reviewed translation. */
  readonly reviewed: readonly Message[];
}

/**
 * For each language but English, the messages the catalogue does not translate, by the rules
 * the Translator uses (an empty, stale or incomplete entry is missing), and those it
 * translates only by an unreviewed (fuzzy) draft.
 */
export function findMissingTranslations(
  catalogue: Catalogue,
  languages: readonly string[],
  messages: readonly Message[] = registeredMessages(),
): MissingTranslations[] {
  return [...new Set(languages)]
    .filter((language) => !isSourceLanguage(language))
    .map((language) => {
      const found = messages.map((message) => ({ message, translation: catalogue.find(language, message) }));
      return {
        language,
        messages: found.filter((f) => !f.translation).map((f) => f.message),
        fuzzy: found.filter((f) => f.translation?.fuzzy).map((f) => f.message),
        reviewed: found.filter((f) => f.translation && !f.translation.fuzzy).map((f) => f.message),
      };
    });
}
