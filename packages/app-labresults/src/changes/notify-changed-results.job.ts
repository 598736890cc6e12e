import { type JobContext, type JobRunner, ScheduledJob } from '@mwana/core';
import { Inject, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClinicDirectory, type Place } from '../clinics/clinic-directory';
import { LabResult } from '../entities/lab-result.entity';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { PrintersService } from '../printers/printers.service';
import { type Recipient, RecipientsService } from '../printers/recipients.service';
import { ResultsService } from '../results/results.service';

/**
 * Results the lab changed after they were delivered (docs/keywords.md#scheduled-messages). A clinic with a printer
 * gets them printed; otherwise its workers get the URGENT notice and their phones wait for
 * the PIN, which delivers `<old> changed to <new>`. Help admins are then asked to follow up,
 * by ids only: result values leave only to a PIN or a printer (docs/keywords.md#who-sees-results). Zambia's
 * default time; Malawi moves it to 07:30.
 */
@ScheduledJob({
  name: 'labresults.notify-changed-results',
  cron: '0 11 * * 1-5',
  description: 'tell clinics about results the lab changed',
})
export class NotifyChangedResultsJob implements JobRunner {
  private readonly logger = new Logger('NotifyChangedResults');

  constructor(
    private readonly results: ResultsService,
    private readonly printers: PrintersService,
    private readonly recipients: RecipientsService,
    private readonly directory: ClinicDirectory,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {}

  async run(ctx: JobContext): Promise<void> {
    if (!this.settings.sendLive) return;
    const rows: Array<{ clinic_id: number }> = await ctx.db.query(
      `SELECT DISTINCT clinic_id FROM lab_result
        WHERE clinic_id IS NOT NULL AND notification_status = 'updated' AND record_change IS NOT NULL AND verified IS NOT FALSE
        ORDER BY clinic_id`,
    );
    for (const { clinic_id: clinicId } of rows) {
      const clinic = await this.directory.get(clinicId, ctx.db);
      if (clinic?.sendLiveResults) await this.notifyClinic(clinic, ctx);
    }
  }

  private async notifyClinic(clinic: Place, ctx: JobContext): Promise<void> {
    const { db, now, send } = ctx;
    const changed = await this.changedAt(clinic.id, db);
    const workers = await this.recipients.at(clinic.id, 'clinic-worker', db);
    if (!(await this.printers.printAt(clinic, changed, ctx))) {
      if (workers.length === 0) {
        this.logger.warn(`clinic ${clinic.code}: ${changed.length} changed result(s) and no clinic worker to tell`);
        return;
      }
      for (const worker of workers) {
        send(worker, texts.resultsChanged, { count: changed.length });
        await this.results.awaitPin(worker.connection, worker.contact.id, changed, now, db);
      }
    }
    const params = {
      clinic: clinic.name,
      results: changed.map((r) => `ID=${r.requisitionId}, Lab ID=${r.sampleId}`).join(';****'),
      contacts: contactList(workers),
    };
    for (const admin of await this.recipients.helpAdmins(db)) send(admin, texts.changedFollowup, params);
  }

  /** At most one batch of the clinic's changed results, in delivery order. */
  private changedAt(clinicId: number, db: EntityManager): Promise<LabResult[]> {
    return db
      .getRepository(LabResult)
      .createQueryBuilder('r')
      .where('r.clinic_id = :clinicId', { clinicId })
      .andWhere(`r.notification_status = 'updated'`)
      .andWhere('r.record_change IS NOT NULL')
      .andWhere('r.verified IS NOT FALSE')
      .orderBy('r.collected_on', 'ASC', 'NULLS LAST')
      .addOrderBy('r.requisition_id')
      .addOrderBy('r.id')
      .limit(this.settings.batchSize)
      .getMany();
  }
}

/** `<name>:<phone>, <name>:<phone>`: whom the help admin can call. */
function contactList(workers: readonly Recipient[]): string {
  return workers.map((w) => `${w.contact.name}:${w.connection.identity}`).join(', ');
}
