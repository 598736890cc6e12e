import { type Contact, type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { broadcastTexts as texts } from '../broadcast.texts';
import type { Place } from '../places';
import { GroupSender } from './group-sender';
import { GROUPS, msgGroupsFor } from './groups';

/**
 * `MSG <group> <text>`: the group name, then the text (which may span lines), with spaces,
 * `,`, `;` or `:` between them (`MSG ALL: meeting`, `MSG clinic,meeting`); a `.`, `-` or `!`
 * ending the group name is not part of it (`MSG ALL. meeting`).
 */
const FORM = /^([^\s,;:]+)[\s,;:]+(\S[\s\S]*)$/;

/** The group and the text of a MSG, or null when there is no text after the group (only separators: `MSG ALL ,;`). */
export function parseMsg(rest: string): { group: string; text: string } | null {
  const form = FORM.exec(rest);
  if (!form || !/[\p{L}\p{N}]/u.test(form[2])) return null;
  return { group: form[1].replace(/[.!-]+$/, ''), text: form[2] };
}

/**
 * MSG `<group>` `<text>` (docs/keywords.md#msg): to one of the groups the sender's roles allow
 * (CBA: CBA, CLINIC, ALL; clinic worker: CBA, CLINIC, ALL, DHO; district worker: DHO, CLINIC,
 * ALL), then tells the sender how many it reached.
 */
@KeywordHandler({ app: 'broadcast', keyword: 'MSG', help: texts.msgHelp, cleaning: 'verbatim' })
export class MsgHandler extends KeywordHandlerBase {
  constructor(private readonly sender: GroupSender) {
    super();
  }

  private async allowed(
    msg: IncomingMessage,
  ): Promise<{ sender: Contact; clinic: Place; atOrChildren: number[]; groups: string[]; list: string }> {
    const { sender, clinic, atOrChildren } = await this.sender.registered(msg);
    const groups = msgGroupsFor(sender.roles);
    if (groups.length === 0) throw new SmsReplyError(texts.msgNotAllowed);
    return { sender, clinic, atOrChildren, groups, list: groups.map((g) => g.toUpperCase()).join(', ') };
  }

  override async help(msg: IncomingMessage): Promise<void> {
    const { list } = await this.allowed(msg);
    msg.respond(texts.msgHelp, { groups: list });
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    // The sender's clinic and the ids of its places are read once, in one statement.
    const { sender, clinic, atOrChildren, groups, list } = await this.allowed(msg);
    const form = parseMsg(rest);
    if (!form) throw new SmsReplyError(texts.msgUnparseable, { groups: list });
    const name = form.group.toLowerCase();
    if (!groups.includes(name))
      throw new SmsReplyError(texts.msgBadGroup, { group: form.group.toUpperCase(), groups: list });
    const group = GROUPS[name as keyof typeof GROUPS];
    const count = await this.sender.send(msg, sender, clinic, group, form.text, atOrChildren);
    msg.respond(texts.msgSent, { count });
  }
}
