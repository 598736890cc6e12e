import { type IncomingMessage, KeywordHandler, KeywordHandlerBase } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { broadcastTexts as texts } from '../broadcast.texts';
import { GroupSender } from './group-sender';
import { type Group, GROUPS } from './groups';

/** A keyword that sends its text to one group of the sender's clinic (docs/keywords.md#broadcast). */
// Injectable so its constructor's types are recorded for the subclasses.
@Injectable()
abstract class GroupKeywordHandler extends KeywordHandlerBase {
  protected abstract readonly group: Group;

  constructor(protected readonly sender: GroupSender) {
    super();
  }

  override help(msg: IncomingMessage): void {
    msg.respond(texts.groupHelp, { group: this.group.label, keyword: this.options.keyword });
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const { sender, clinic, atOrChildren } = await this.sender.registered(msg);
    await this.sender.send(msg, sender, clinic, this.group, rest, atOrChildren);
  }
}

const groupHelp = texts.groupHelp;

@KeywordHandler({
  app: 'broadcast',
  keyword: 'ALL',
  aliases: ['AL', 'AJJ', 'AJ', 'O', 'OH'],
  help: groupHelp,
  cleaning: 'verbatim',
  advertise: 60,
})
export class AllHandler extends GroupKeywordHandler {
  protected readonly group = GROUPS.all;
}

@KeywordHandler({
  app: 'broadcast',
  keyword: 'CLINIC',
  aliases: ['AJGMGA', 'KLINIK', 'KLINIKI', 'KILINIKI'],
  help: groupHelp,
  cleaning: 'verbatim',
  advertise: 90,
})
export class ClinicHandler extends GroupKeywordHandler {
  protected readonly group = GROUPS.clinic;
}

@KeywordHandler({
  app: 'broadcast',
  keyword: 'CBA',
  aliases: ['AAA', 'CAB'],
  help: groupHelp,
  cleaning: 'verbatim',
  advertise: 70,
})
export class CbaHandler extends GroupKeywordHandler {
  protected readonly group = GROUPS.cba;
}

@KeywordHandler({ app: 'broadcast', keyword: 'HSA', help: groupHelp, cleaning: 'verbatim' })
export class HsaHandler extends GroupKeywordHandler {
  protected readonly group = GROUPS.hsa;
}

@KeywordHandler({
  app: 'broadcast',
  keyword: 'DISTRICT',
  aliases: ['DISTRIC', 'DISTRCT', 'DISTICT', 'DISRICT', 'DSTRICT', 'DISTRICTS'],
  help: groupHelp,
  cleaning: 'verbatim',
})
export class DistrictHandler extends GroupKeywordHandler {
  protected readonly group = GROUPS.district;
}

/** BLAST: every active contact; only from an active help admin, anyone else is ignored without a reply. */
@KeywordHandler({
  app: 'broadcast',
  keyword: 'BLAST',
  aliases: ['BLUST', 'BLASTER', 'BLAS', 'BLST', 'BLASST'],
  help: groupHelp,
  cleaning: 'verbatim',
})
export class BlastHandler extends GroupKeywordHandler {
  protected readonly group = GROUPS.blast;

  private isAdmin(msg: IncomingMessage): boolean {
    return Boolean(msg.contact?.active && msg.contact.isHelpAdmin);
  }

  override help(msg: IncomingMessage): void {
    if (this.isAdmin(msg)) super.help(msg);
  }

  override async handle(msg: IncomingMessage, rest: string): Promise<void> {
    if (!this.isAdmin(msg)) return;
    await this.sender.send(msg, msg.contact!, null, this.group, rest);
  }
}
