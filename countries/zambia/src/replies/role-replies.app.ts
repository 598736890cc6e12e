import {
  type HandleResult,
  type IncomingMessage,
  type Message,
  MwanaConfig,
  type Role,
  routerConfig,
  SmsApp,
  type SmsAppHooks,
} from '@mwana/core';
import { zambiaTexts as texts } from '../zambia.texts';
import { PinShapedReplies } from './pin-shaped.service';

const PIN_SHAPED = /^\d{4}$/;
// Mwana's list: remind me, remind mi, to remind me, remindmi, to remindmi ... at the start.
const REMIND_ME = /^(to )?remind ?m[ei]/i;

/** The keywords a role is reminded of, first role that matches (Mwana's order). */
const BY_ROLE: ReadonlyArray<readonly [Role, Message]> = [
  ['clinic-worker', texts.clinicWorkerKeywords],
  ['cba', texts.cbaKeywords],
  ['district-worker', texts.districtWorkerKeywords],
  ['hub-worker', texts.hubWorkerKeywords],
  ['province-worker', texts.provinceWorkerHelp],
];

/**
 * Zambia's reply to what no app handled (Mwana's errorhandling; docs/keywords.md#zambia-only),
 * by who sent it: a stranger, a clinic worker who sent four digits, someone asking RemindMi
 * in words, each role with the keywords it uses. It runs in the default phase after every
 * shared app (Results160's wrong-PIN reply to a waiting phone comes first) and before core's
 * generic reply, which Zambia's config switches off (`router.defaultReply: null`). As that
 * reply, it is a courtesy: the message stays `unhandled`, so the console still shows what
 * nobody understood. Other roles (lab workers, printers, patients) get no reply.
 */
@SmsApp({ name: 'role-replies' })
export class RoleRepliesApp implements SmsAppHooks {
  constructor(
    private readonly pinShaped: PinShapedReplies,
    config: MwanaConfig,
  ) {
    if (config.section(routerConfig).defaultReply !== null) {
      throw new Error(
        'Zambia answers unhandled messages by role (role-replies): set router.defaultReply to null in its config, or every such message gets two replies.',
      );
    }
  }

  async default(msg: IncomingMessage): Promise<HandleResult> {
    const contact = msg.contact?.active ? msg.contact : null;
    const text = msg.text.trim();
    if (!contact) {
      msg.respond(texts.unknownSender);
    } else if (PIN_SHAPED.test(text) && contact.roles.includes('clinic-worker')) {
      await this.pinShaped.answer(msg, contact, text);
    } else if (REMIND_ME.test(text)) {
      msg.respond(texts.remindMe, { name: contact.name });
    } else {
      const reply = BY_ROLE.find(([role]) => contact.roles.includes(role));
      if (reply) msg.respond(reply[1], { name: contact.name });
    }
    return 'continue';
  }
}
