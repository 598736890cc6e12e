import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { KeywordHandler } from '../messaging/decorators';
import { KeywordHandlerBase } from '../messaging/handler-base';
import type { IncomingMessage } from '../messaging/incoming-message';
import { ContactsService } from '../contacts/contacts.service';
import { contactsTexts } from '../contacts/contacts.texts';

/**
 * The language `typed` names: its code or name ignoring case and punctuation around
 * (`bem.`, `-Bemba-`, `"tonga"`), or the code's part before `_` (`chi` for `chi_MW`) when
 * only one language has it; else undefined.
 */
export function findLanguage<L extends { code: string; name: string }>(
  languages: readonly L[],
  typed: string,
): L | undefined {
  const wanted = typed
    .trim()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
  const exact = languages.find((l) => l.code.toLowerCase() === wanted || l.name.toLowerCase() === wanted);
  if (exact || wanted === '') return exact;
  const byPrefix = languages.filter((l) => l.code.toLowerCase().split('_')[0] === wanted);
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}

/** LANGUAGE <code or name>: one of the country's languages, matched ignoring case. */
@KeywordHandler({ app: 'contacts', keyword: 'LANGUAGE', aliases: ['LANG'], help: contactsTexts.languageHelp })
export class LanguageHandler extends KeywordHandlerBase {
  private readonly languages: ReadonlyArray<{ code: string; name: string }>;

  constructor(
    private readonly contacts: ContactsService,
    config: MwanaConfig,
  ) {
    super();
    this.languages = config.section(countryConfig).languages;
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const contact = msg.contact;
    if (!contact || !contact.active) {
      msg.respond(contactsTexts.languageUnknownSender);
      return;
    }
    const language = findLanguage(this.languages, rest);
    if (!language) {
      msg.respond(contactsTexts.languageNotSpoken, { text: rest.trim() });
      return;
    }
    await this.contacts.setLanguage(contact.id, language.code, msg.db);
    contact.language = language.code; // the reply already speaks the new language
    msg.respond(contactsTexts.languageSet, { language: language.name });
  }
}
