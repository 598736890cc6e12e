import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { KeywordHandler } from '../messaging/decorators';
import { KeywordHandlerBase } from '../messaging/handler-base';
import type { IncomingMessage } from '../messaging/incoming-message';
import { ContactsService } from '../contacts/contacts.service';
import { contactsTexts } from '../contacts/contacts.texts';

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
    const wanted = rest.trim().toLowerCase();
    const language = this.languages.find((l) => l.code.toLowerCase() === wanted || l.name.toLowerCase() === wanted);
    if (!language) {
      msg.respond(contactsTexts.languageNotSpoken, { text: rest.trim() });
      return;
    }
    await this.contacts.setLanguage(contact.id, language.code, msg.db);
    contact.language = language.code; // the reply already speaks the new language
    msg.respond(contactsTexts.languageSet, { language: language.name });
  }
}
