import type { TextRenderer } from './text-renderer';
import type { TextParams, Translatable } from './translatable';
import type { Catalogue } from './catalogue';
import { I18nError, I18nErrorCode } from './i18n.error';
import { isPluralMessage, messageLabel, type Message, type PluralMessage } from './messages';
import { interpolate } from './placeholders';

export interface TranslatorOptions {
  /** The language of contacts who chose none, or chose one the country does not offer. */
  readonly defaultLanguage: string;
  /** The country's languages (codes): a contact's language outside them is not used. */
  readonly languages: readonly string[];
  readonly catalogue: Catalogue;
}

/** The source language: its texts need no catalogue. */
export const SOURCE_LANGUAGE = 'en';

/** `en` and its variants (`en_ZM`) speak the source texts. */
export function isSourceLanguage(language: string): boolean {
  return language === SOURCE_LANGUAGE || language.startsWith(`${SOURCE_LANGUAGE}_`);
}

/**
 * Renders texts in a contact's language: the contact's language if the country offers it and
 * the catalogue translates the text, else the default language's translation, else the
 * English. English (`en`, `en_*`) as either language means the English source unless an
 * `en.po` rewords it. Placeholders are filled in the chosen text.
 *
 * @example
 * const translator = new Translator({ defaultLanguage: 'en', languages: ['en', 'bem'], catalogue: Catalogue.load([dir]) });
 * translator.render(contactsTexts.leaveDone, { name: 'Mary' }, contact.language); // Bemba if bem.po has it
 * translator.renderPlural(texts.results, 3, {}, 'bem');                           // form by bem.po's Plural-Forms
 */
export class Translator implements TextRenderer {
  private readonly languages: ReadonlySet<string>;

  constructor(private readonly options: TranslatorOptions) {
    this.languages = new Set([...options.languages, options.defaultLanguage]);
  }

  /**
   * The language a contact is spoken to in: theirs if the country offers it, else the default.
   * Bulk sends group recipients by it. (A text it lacks still falls back, text by text.)
   */
  languageFor(language: string | null | undefined): string {
    return language && this.languages.has(language) ? language : this.options.defaultLanguage;
  }

  /**
   * A text in a language (null or undefined: the default). A literal is sent as it is. A
   * plural text takes its form from `params.count`, which it then needs.
   */
  render(text: Translatable, params: TextParams = {}, language?: string | null): string {
    if ('literal' in text) return text.literal;
    if (!isPluralMessage(text))
      return interpolate(this.choose(text, language, undefined), params, this.where(text, language));
    const count = params.count;
    if (typeof count !== 'number') {
      throw new I18nError(
        I18nErrorCode.BadPlural,
        `${messageLabel(text)} is a plural text: render it with a numeric {count}`,
      );
    }
    return this.renderPlural(text, count, params, language);
  }

  /** A plural text for `count`; `{count}` is filled with it. */
  renderPlural(message: PluralMessage, count: number, params: TextParams = {}, language?: string | null): string {
    if (!isPluralMessage(message)) {
      throw new I18nError(I18nErrorCode.BadPlural, `${messageLabel(message)} is not a plural text`);
    }
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new I18nError(
        I18nErrorCode.BadPlural,
        `${messageLabel(message)}: count must be a whole number >= 0, got ${count}`,
      );
    }
    return interpolate(this.choose(message, language, count), { ...params, count }, this.where(message, language));
  }

  /** The text to send before placeholders are filled: the first language that has it. */
  private choose(message: Message, language: string | null | undefined, count: number | undefined): string {
    const wanted = this.languageFor(language);
    for (const lang of new Set([wanted, this.options.defaultLanguage])) {
      const translation = this.options.catalogue.find(lang, message);
      if (translation) {
        const form = translation.forms[count === undefined ? 0 : translation.pluralIndex(count)];
        if (form !== undefined) return form;
      }
      if (isSourceLanguage(lang)) break;
    }
    return count === undefined || count === 1 || message.plural === undefined ? message.id : message.plural;
  }

  private where(message: Message, language: string | null | undefined): string {
    return `${messageLabel(message)} (${this.languageFor(language)})`;
  }
}
