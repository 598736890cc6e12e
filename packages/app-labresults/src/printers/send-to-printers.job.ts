import { countryConfig, type JobContext, type JobRunner, MwanaConfig, ScheduledJob } from '@mwana/core';
import { Inject } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClinicDirectory } from '../clinics/clinic-directory';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { ResultsService } from '../results/results.service';
import { PrintersService } from './printers.service';

/**
 * Results to the clinics with their own printer (docs/keywords.md#scheduled-messages, Zambia), through the working
 * day. Slips a printer never confirmed since the start of yesterday (of Friday, on a Monday)
 * are printed again: their results go back to `new` before the pending ones are printed.
 */
@ScheduledJob({
  name: 'labresults.send-to-printers',
  cron: '50 8,10,14,16 * * 1-5',
  description: 'print results at clinics with their own printer',
})
export class SendToPrintersJob implements JobRunner {
  private readonly timezone: string;

  constructor(
    private readonly results: ResultsService,
    private readonly printers: PrintersService,
    private readonly directory: ClinicDirectory,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
    config: MwanaConfig,
  ) {
    this.timezone = config.section(countryConfig).timezone;
  }

  async run(ctx: JobContext): Promise<void> {
    if (!this.settings.sendLive) return;
    const clinics = await this.printers.independentClinics(ctx.db);
    if (clinics.size === 0) return;
    await this.requeueUnconfirmed([...clinics], ctx.now, ctx.db);
    for (const clinicId of await this.results.clinicsWithPending(ctx.db)) {
      if (!clinics.has(clinicId)) continue;
      const clinic = await this.directory.get(clinicId, ctx.db);
      if (!clinic?.sendLiveResults) continue;
      await this.printers.printAt(clinic, await this.results.pending(clinicId, ctx.db), ctx);
    }
  }

  /** Unconfirmed slips since the start of yesterday in the country's calendar (Friday's, on a Monday). */
  private async requeueUnconfirmed(clinicIds: number[], now: Date, db: EntityManager): Promise<void> {
    await db.query(
      `WITH since AS (
         SELECT (date_trunc('day', $1::timestamptz AT TIME ZONE $2)
                 - CASE WHEN extract(isodow FROM $1::timestamptz AT TIME ZONE $2) = 1 THEN 3 ELSE 1 END * interval '1 day')
                AT TIME ZONE $2 AS at
       ), unconfirmed AS (
         UPDATE message_confirmation m SET confirmed = true
           FROM lab_result r, since
          WHERE r.id = m.result_id AND NOT m.confirmed AND m.sent_at >= since.at AND r.clinic_id = ANY($3)
         RETURNING m.result_id
       )
       UPDATE lab_result SET notification_status = 'new'
        WHERE notification_status = 'sent' AND id IN (SELECT result_id FROM unconfirmed)`,
      [now, this.timezone, clinicIds],
    );
  }
}
