import { type JobContext, type JobRunner, ScheduledJob } from '@mwana/core';
import { Inject, Logger } from '@nestjs/common';
import { ClinicDirectory } from '../clinics/clinic-directory';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { ResultsService } from './results.service';

/**
 * The morning notice (spec §3.1 jobs): every clinic worker of a clinic with results waiting
 * is told how many, and their phone waits for the PIN. Zambia's default time; Malawi moves
 * it to 08:00 with `scheduler.jobs.labresults.notify-new-results.cron: '0 8 * * 1-5'`.
 */
@ScheduledJob({ name: 'labresults.notify-new-results', cron: '30 11 * * 1-5', description: 'tell clinic workers that results are ready' })
export class NotifyNewResultsJob implements JobRunner {
  private readonly logger = new Logger('NotifyNewResults');

  constructor(
    private readonly results: ResultsService,
    private readonly directory: ClinicDirectory,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {}

  async run({ db, now, send }: JobContext): Promise<void> {
    if (!this.settings.sendLive) return;
    // Zambia re-announces week-old unread results only on Mondays; the job runs in the
    // country's working hours, when the UTC day is the local day.
    const skipStaleSince = this.settings.weeklyRenotify && now.getUTCDay() !== 1 ? now : undefined;
    for (const clinicId of await this.results.clinicsWithPending(db)) {
      const clinic = await this.directory.get(clinicId, db);
      if (!clinic?.sendLiveResults) continue;
      const pending = await this.results.pending(clinicId, db, { skipStaleSince });
      if (pending.length === 0) continue;
      const workers = await this.directory.staffAt(clinicId, 'clinic-worker', db);
      const connections = await this.results.connectionsOf(
        workers.map((w) => w.id),
        db,
      );
      if (connections.size === 0) {
        this.logger.warn(`clinic ${clinic.code}: ${pending.length} result(s) waiting and no clinic worker to tell`);
        continue;
      }
      for (const worker of workers) {
        const connection = connections.get(worker.id);
        if (!connection) continue;
        send({ connection, contact: worker }, texts.resultsReady, { name: worker.name, count: pending.length });
        await this.results.awaitPin(connection, worker.id, pending, now, db);
      }
    }
  }
}
