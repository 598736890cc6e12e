import { ContactsService, type IncomingMessage, KeywordHandler, KeywordHandlerBase, wordsToNumber } from '@mwana/core';
import { broadcastTexts as texts } from '../broadcast.texts';
import { BroadcastPlaces } from '../places';

const DEFAULT_COUNT = 5;
/** A cap on the reply: each contact is about 30 characters. */
const MAX_COUNT = 20;

/**
 * CONTACTS `<location code>` `[<how many>]` (help admins, docs/keywords.md#contacts): the active
 * contacts at a place and its zones, by name, five unless asked (digits or words: `ten`).
 */
@KeywordHandler({
  app: 'broadcast',
  keyword: 'CONTACTS',
  aliases: ['CONTACT', 'CONTACS', 'CONTATCS', 'CONTCTS', 'KONTACTS'],
  help: texts.contactsHelp,
})
export class ContactsHandler extends KeywordHandlerBase {
  constructor(
    private readonly contacts: ContactsService,
    private readonly places: BroadcastPlaces,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    if (!msg.contact?.active || !msg.contact.isHelpAdmin) {
      msg.respond(texts.contactsNotAdmin);
      return;
    }
    const [code, ...more] = rest.trim().split(/\s+/);
    const asked = more.length > 0 ? (wordsToNumber(more.join(' ')) ?? Number.parseInt(more[0], 10)) : DEFAULT_COUNT;
    const count = Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_COUNT) : DEFAULT_COUNT;
    const place = await this.places.byCode(code, msg.db);
    if (!place) {
      msg.respond(texts.contactsUnknownLocation, { code });
      return;
    }
    const found = await this.contacts.recipients(
      { locationIds: await this.places.atOrChildrenIds(place.id, msg.db) },
      msg.db,
    );
    if (found.length === 0) {
      msg.respond(texts.contactsNone, { location: place.name });
      return;
    }
    const list = [...found]
      .sort((a, b) => a.contact.name.localeCompare(b.contact.name))
      .slice(0, count)
      .map((r) => `${r.contact.name};${r.connection.identity}.`)
      .join(' ****');
    msg.respond(texts.contactsList, { location: place.name, list });
  }
}
