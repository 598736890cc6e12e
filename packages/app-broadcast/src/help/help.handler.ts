import {
  ContactPins,
  type IncomingMessage,
  maskSecrets,
  pinShapedWords,
  KeywordHandler,
  KeywordHandlerBase,
  type Message,
  type Role,
  TextRenderer,
  type TextParams,
  type Translatable,
} from '@mwana/core';
import { Inject } from '@nestjs/common';
import { BROADCAST_OPTIONS } from '../broadcast.module-definition';
import type { BroadcastSettings } from '../broadcast.config';
import { broadcastTexts as texts } from '../broadcast.texts';
import { BroadcastPlaces, type Place } from '../places';
import { HELP_TEXT_MAX, HelpDesk } from './help-desk.service';

/**
 * HELP `[text]` (docs/keywords.md#help): the request is stored, the help admins who answer for
 * the sender's clinic (or all, for admins with no places) are told whom to call, and the
 * sender is told someone will call. A PIN typed in the request is masked before anything is
 * stored or sent (`secretsOf`): the help desk never sees it.
 */
@KeywordHandler({
  app: 'broadcast',
  keyword: 'HELP',
  aliases: ['HELPME', 'SUPPORT', 'HEIP', 'HELLP', 'HEUP'],
  help: texts.helpHelp,
  cleaning: 'verbatim',
  advertise: 'help',
})
export class HelpHandler extends KeywordHandlerBase {
  constructor(
    private readonly desk: HelpDesk,
    private readonly renderer: TextRenderer,
    private readonly places: BroadcastPlaces,
    private readonly pins: ContactPins,
    @Inject(BROADCAST_OPTIONS) private readonly settings: BroadcastSettings,
  ) {
    super();
  }

  override help(msg: IncomingMessage): Promise<void> {
    return this.handle(msg, '');
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const contact = msg.contact?.active ? msg.contact : null;
    const typed = rest.trim();
    const secrets = await this.secretsOf(typed, msg);
    const text = maskSecrets(typed, secrets).slice(0, HELP_TEXT_MAX);
    await this.desk.store({ connectionId: msg.connection.id, contactId: contact?.id ?? null, text }, msg.db);
    const clinic: Place | null =
      contact?.locationId != null ? await this.places.clinicOf(contact.locationId, msg.db) : null;
    if (this.settings.helpToAdmins) {
      const phone = msg.connection.identity;
      const role: Role = contact?.roles[0] ?? 'contact';
      const notice: { text: Translatable; params: TextParams } = !contact
        ? { text: text ? texts.helpFromUnknownWithText : texts.helpFromUnknown, params: { phone, text } }
        : clinic
          ? {
              text: text ? texts.helpFromClinicWithText : texts.helpFromClinic,
              params: { name: contact.name, clinic: clinic.name, code: clinic.code, phone, text },
            }
          : {
              text: text ? texts.helpFromContactWithText : texts.helpFromContact,
              params: { name: contact.name, phone, text },
            };
      for (const admin of await this.desk.adminsFor(clinic?.id ?? null, msg.db)) {
        if (admin.connection.id === msg.connection.id) continue;
        const language = admin.contact?.language ?? null;
        msg.notify(admin, notice.text, { ...notice.params, role: this.roleWord(role, language) });
      }
    }
    msg.respond(texts.helpReply, { name: contact ? ` ${contact.name}` : '' });
  }

  /**
   * The words of a request that are, or could be, the sender's PIN: every four digits (the
   * PIN a JOIN sets, whoever sends it: a worker on another phone, a mistyped PIN) that is not a
   * place's code, and longer runs of digits (to 8), or a place's four-digit code (Malawi's
   * clinics), that are the sender's PIN; each is marked secret, so the message log masks it too.
   * Clinic codes and phone numbers stay (unless they are the PIN).
   */
  private async secretsOf(text: string, msg: IncomingMessage): Promise<string[]> {
    const { could, maybe } = pinShapedWords(text);
    const codes = await Promise.all(could.map(async (word) => (await this.places.byCode(word, msg.db)) !== null));
    const checked = [...maybe, ...could.filter((_, i) => codes[i])];
    const secrets = [
      ...could.filter((_, i) => !codes[i]),
      ...(msg.contact ? await this.pins.pinAmong(msg.contact.id, checked, msg.db) : []),
    ];
    for (const secret of secrets) msg.markSecret(secret);
    return secrets;
  }

  /** The role's name in the reader's language (`broadcast.role.<slug>`), or its slug. */
  private roleWord(role: Role, language: string | null): string {
    const word = (texts as Readonly<Record<string, Message>>)[`role.${role}`];
    return word ? this.renderer.render(word, {}, language) : role;
  }
}
