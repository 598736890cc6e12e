import { type IncomingMessage, KeywordHandler, KeywordHandlerBase, literal } from '@mwana/core';
import { LocationsService } from './locations.service';
import { locationsTexts } from './locations.texts';

/** How much of the first word is searched for, as in Mwana: enough for a name, not a sentence. */
const MAX_FRAGMENT = 20;
const MAX_MATCHES = 5;

/**
 * CODE <part of a name or code> (help admins): up to five facilities, districts or provinces
 * matching the first word, zones left out, as `<code>-<name>.` separated by `\n**`.
 */
@KeywordHandler({ app: 'locations', keyword: 'CODE', aliases: ['FACILITY CODE'], help: locationsTexts.codeHelp })
export class CodeHandler extends KeywordHandlerBase {
  constructor(private readonly locations: LocationsService) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    if (!msg.contact?.active || !msg.contact.isHelpAdmin) {
      msg.respond(locationsTexts.codeNotAdmin);
      return;
    }
    const fragment = rest.split(/\s+/)[0].slice(0, MAX_FRAGMENT);
    const matches = await this.locations.search(fragment, { limit: MAX_MATCHES }, msg.db);
    if (matches.length === 0) {
      msg.respond(locationsTexts.codeNoMatch, { text: fragment });
      return;
    }
    // Codes and names are data, the same in every language: nothing here to translate.
    msg.respond(literal(matches.map((l) => `${l.code}-${l.name}.`).join('\n**')));
  }
}
