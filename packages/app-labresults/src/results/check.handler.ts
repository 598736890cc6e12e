import { Clock, type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { Inject } from '@nestjs/common';
import { ClinicWorkers } from '../clinics/clinic-workers.service';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { ResultsService } from './results.service';
import { withheldReply } from './withheld-reply';

/**
 * CHECK (docs/keywords.md#check): a registered clinic worker asks for results now instead of waiting for
 * the morning notice. Zambia's weekly rule does not apply: asking shows everything pending.
 */
@KeywordHandler({
  app: 'labresults',
  keyword: 'CHECK',
  aliases: ['CHEK', 'CHEC', 'CHK'],
  help: texts.checkNotEligible,
  advertise: 30,
})
export class CheckHandler extends KeywordHandlerBase {
  constructor(
    private readonly results: ResultsService,
    private readonly workers: ClinicWorkers,
    private readonly clock: Clock,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {
    super();
  }

  // CHECK means the same with or without text after it.
  override help(msg: IncomingMessage): Promise<void> {
    return this.handle(msg);
  }

  async handle(msg: IncomingMessage): Promise<void> {
    const standing = await this.workers.standing(msg.contact, msg.db);
    if (standing.kind === 'unregistered') throw new SmsReplyError(texts.checkNotEligible);
    if (standing.kind !== 'eligible') throw new SmsReplyError(...withheldReply(standing));
    const { contact, clinic } = standing;

    const live = this.settings.sendLive && clinic.sendLiveResults;
    const pending = live ? await this.results.pending(clinic.id, msg.db) : [];
    if (pending.length === 0) {
      msg.respond(texts.noNewResults, { name: contact.name, clinic: clinic.name });
      return;
    }
    await this.results.awaitPin(msg.connection, contact.id, pending, this.clock.now(), msg.db);
    msg.respond(texts.resultsReady, { name: contact.name, count: pending.length });
  }
}
