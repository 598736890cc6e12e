import { randomInt } from 'node:crypto';
import {
  ContactPins,
  ContactsService,
  type IncomingMessage,
  PatternHandler,
  PatternHandlerBase,
  SmsReplyError,
} from '@mwana/core';
import { labresultsTexts as texts } from '../labresults.texts';

/**
 * PIN RESET `<phone>` (docs/keywords.md#pin-reset): PINs are stored hashed, so a help admin cannot read
 * a forgotten one as Mwana's help desk did; they reset it instead. The new PIN goes only to
 * the user's own phone, the admin is told it was done, and any wrong-PIN lock is lifted.
 */
@PatternHandler({ app: 'labresults', pattern: /^\s*pin\s*reset\b\s*(.*)$/i })
export class PinResetHandler extends PatternHandlerBase {
  constructor(
    private readonly contacts: ContactsService,
    private readonly pins: ContactPins,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, phone: string): Promise<void> {
    if (!msg.contact?.active || !msg.contact.isHelpAdmin) throw new SmsReplyError(texts.pinResetNotAdmin);
    const words = phone.trim().split(/\s+/).filter(Boolean);
    if (words.length !== 1) throw new SmsReplyError(texts.pinResetHelp);
    const found = await this.contacts.findByPhone(words[0], msg.db);
    const user = found?.contact;
    if (!found || !user?.active || !user.roles.some((role) => role !== 'printer')) {
      throw new SmsReplyError(texts.pinResetUnknown, { phone: words[0] });
    }
    const pin = String(randomInt(0, 10_000)).padStart(4, '0');
    await this.pins.reset(user.id, pin, msg.db);
    msg.notify(
      { connection: found.connection, contact: user },
      texts.pinResetNew,
      { name: user.name, pin },
      { secrets: [pin] },
    );
    msg.respond(texts.pinResetDone, { name: user.name, phone: found.connection.identity });
  }
}
