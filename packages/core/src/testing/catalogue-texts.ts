import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { type Message, messageLabel, registeredMessages } from '../i18n/messages';
import { splitSms } from '../i18n/sms-encoding';
import { TextRenderer } from '../i18n/text-renderer';
import type { TextParams } from '../i18n/translatable';
import { isSourceLanguage } from '../i18n/translator';
import type { RunningCountry } from './country-app';

/**
 * What a running country would send, taken from its catalogues through the renderer the app
 * itself uses: a text by its label (`labresults.resultsReady`, `reminders.event.birth`) with
 * its arguments, in a language, split into the SMS the country sends. A text that comes out
 * as its English in a language other than English is refused: a test built on it would pass
 * with the language not applied.
 */
export class CatalogueTexts {
  private readonly renderer: TextRenderer;
  private readonly maxLength: number;

  constructor(running: RunningCountry) {
    this.renderer = running.app.get(TextRenderer);
    this.maxLength = running.app.get(MwanaConfig).section(countryConfig).smsMaxLength;
  }

  /** The registered text with this label; throws for a label nothing declares. */
  message(label: string): Message {
    const found = registeredMessages().find((m) => messageLabel(m) === label);
    if (!found) throw new Error(`no text is declared as ${label}`);
    return found;
  }

  /** A dynamic word (an event's or appointment's name, a pronoun) in `language`. */
  word(label: string, language: string): string {
    return this.renderer.render(this.message(label), {}, language);
  }

  /** The text, rendered as the app renders it for a reader of `language`, whole. */
  text(label: string, params: TextParams, language: string): string {
    const message = this.message(label);
    const text = this.renderer.render(message, params, language);
    if (!isSourceLanguage(language) && text === this.renderer.render(message, params, 'en')) {
      throw new Error(`${label} in ${language} is its English text ("${text}"): the catalogue does not translate it`);
    }
    return text;
  }

  /** The SMS that text leaves as (the country's length; several when it is longer). */
  sms(label: string, params: TextParams, language: string): string[] {
    return splitSms(this.text(label, params, language), this.maxLength);
  }

  /** SMS of a text that is not the system's (a broadcast's own words), split as the app splits it. */
  literal(text: string): string[] {
    return splitSms(text, this.maxLength);
  }
}
