import { Clock, type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { labresultsTexts as texts } from '../labresults.texts';
import { RecipientsService } from '../printers/recipients.service';
import { DEMO_RESULTS } from './demo-results.service';
import { demoClinic } from './demo-clinic';
import { DemoPending } from './demo-pending.entity';

/**
 * DEMO `[<clinic code>]` (docs/keywords.md#demo), for training: every clinic worker of the
 * clinic hears that three results are ready and can collect them with their PIN, as for real.
 * The results are made up and nothing about them is stored.
 */
@KeywordHandler({ app: 'labresults', keyword: 'DEMO', help: texts.demoUnknown })
export class DemoHandler extends KeywordHandlerBase {
  constructor(
    private readonly directory: ClinicDirectory,
    private readonly recipients: RecipientsService,
    private readonly clock: Clock,
  ) {
    super();
  }

  // Alone, the keyword demonstrates at the sender's own clinic.
  override help(msg: IncomingMessage): Promise<void> {
    return this.handle(msg, '');
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const clinic = await demoClinic(this.directory, msg, rest);
    if (!clinic) throw new SmsReplyError(texts.demoUnknown);
    const now = this.clock.now();
    for (const worker of await this.recipients.at(clinic.id, 'clinic-worker', msg.db)) {
      msg.notify(worker, texts.resultsReady, { name: worker.contact.name, count: DEMO_RESULTS });
      await msg.db.upsert(
        DemoPending,
        { connectionId: worker.connection.id, contactId: worker.contact.id, clinicId: clinic.id, createdAt: now },
        ['connectionId'],
      );
    }
  }
}
