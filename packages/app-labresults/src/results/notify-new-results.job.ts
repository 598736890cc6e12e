import { calendarDay, countryConfig, type JobContext, type JobRunner, MwanaConfig, ScheduledJob } from '@mwana/core';
import { Inject, Logger } from '@nestjs/common';
import { ClinicDirectory } from '../clinics/clinic-directory';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { PrintersService } from '../printers/printers.service';
import { RecipientsService } from '../printers/recipients.service';
import { ResultsService } from './results.service';

/**
 * The morning notice (docs/keywords.md#scheduled-messages): every clinic worker of a clinic with results waiting
 * is told how many, and their phone waits for the PIN; a clinic with an active printer gets
 * the results printed instead. Zambia's default time; Malawi moves it to 08:00 with
 * `scheduler.jobs.labresults.notify-new-results.cron: '0 8 * * 1-5'`.
 */
@ScheduledJob({
  name: 'labresults.notify-new-results',
  cron: '30 11 * * 1-5',
  description: 'tell clinic workers that results are ready',
})
export class NotifyNewResultsJob implements JobRunner {
  private readonly logger = new Logger('NotifyNewResults');
  private readonly timeZone: string;

  constructor(
    private readonly results: ResultsService,
    private readonly directory: ClinicDirectory,
    private readonly printers: PrintersService,
    private readonly recipients: RecipientsService,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async run(ctx: JobContext): Promise<void> {
    const { db, now, send } = ctx;
    if (!this.settings.sendLive) return;
    // Zambia re-announces week-old unread results only on Mondays (on the country's calendar).
    const today = calendarDay(now, this.timeZone);
    const monday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() === 1;
    const skipStaleSince = this.settings.weeklyRenotify && !monday ? now : undefined;
    for (const clinicId of await this.results.clinicsWithPending(db)) {
      const clinic = await this.directory.get(clinicId, db);
      if (!clinic?.sendLiveResults) continue;
      const pending = await this.results.pending(clinicId, db, { skipStaleSince });
      if (pending.length === 0) continue;
      if (await this.printers.printAt(clinic, pending, ctx)) continue;
      const workers = await this.recipients.at(clinicId, 'clinic-worker', db);
      if (workers.length === 0) {
        this.logger.warn(`clinic ${clinic.code}: ${pending.length} result(s) waiting and no clinic worker to tell`);
        continue;
      }
      for (const worker of workers) {
        send(worker, texts.resultsReady, { name: worker.contact.name, count: pending.length });
        await this.results.awaitPin(worker.connection, worker.contact.id, pending, now, db);
      }
    }
  }
}
