import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { Place } from '../clinics/clinic-directory';
import { LabResult } from '../entities/lab-result.entity';
import { PendingPin } from '../entities/pending-pin.entity';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { DisclosureService } from '../results/disclosure.service';
import { ResultsService } from '../results/results.service';
import type { FakeResult } from './fake-results';
import { IndependentPrinterClinic } from './independent-printer-clinic.entity';
import { PrinterSender } from './printer-sender.service';
import { type Recipient, RecipientsService, type SendContext } from './recipients.service';

/** What a slip shows: a stored result, or a demo one (no id). */
type Slip = Pick<LabResult, 'requisitionId' | 'result'> & { readonly id?: number };

/**
 * Results printed at the clinic (docs/keywords.md#printer): one slip per result
 * and printer, the results then sent with a disclosure per printer, and the clinic workers
 * told which ids were printed.
 */
@Injectable()
export class PrintersService {
  private readonly logger = new Logger('Printers');

  constructor(
    private readonly recipients: RecipientsService,
    private readonly results: ResultsService,
    private readonly disclosures: DisclosureService,
    private readonly sender: PrinterSender,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {}

  /** The clinic's active printers (contacts with the printer role at it or its zones). */
  printersAt(clinicId: number, db: EntityManager): Promise<Recipient[]> {
    return this.recipients.at(clinicId, 'printer', db);
  }

  /**
   * Prints the results if the clinic has an active printer; false, with nothing done, if not
   * (the caller then tells the clinic workers instead).
   */
  async printAt(clinic: Place, results: readonly LabResult[], ctx: SendContext): Promise<boolean> {
    const printers = await this.printersAt(clinic.id, ctx.db);
    if (printers.length === 0) return false;
    if (results.length === 0) return true;
    const { db, now } = ctx;
    await this.printSlips(clinic, results, printers, ctx);
    const ids = results.map((r) => r.id);
    await db.update(LabResult, { id: In(ids) }, { notificationStatus: 'sent' });
    await db.query('UPDATE lab_result SET result_sent_date = $2 WHERE id = ANY($1) AND result_sent_date IS NULL', [
      ids,
      now,
    ]);
    // Printed results are no longer waiting for anyone's PIN.
    await db.delete(PendingPin, { resultId: In(ids) });
    for (const printer of printers) {
      await this.disclosures.record(
        results,
        { contactId: printer.contact.id, connection: printer.connection },
        'printer',
        now,
        db,
      );
    }
    this.logger.log(`clinic ${clinic.code}: ${results.length} result(s) printed on ${printers.length} printer(s)`);
    await this.tellWorkers(clinic, results, ctx);
    return true;
  }

  /** PRINTERDEMO: demo slips on the clinic's printers and the usual notice to its workers; no result is stored. */
  async printDemo(clinic: Place, fakes: readonly FakeResult[], ctx: SendContext): Promise<void> {
    await this.printSlips(clinic, fakes, await this.printersAt(clinic.id, ctx.db), ctx);
    await this.tellWorkers(clinic, fakes, ctx);
  }

  /** Zambia (`independentPrinters`): the clinic of a new printer is served by the send-to-printers job. */
  async markIndependent(clinicId: number, now: Date, db: EntityManager): Promise<void> {
    if (!this.settings.independentPrinters) return;
    await db
      .createQueryBuilder()
      .insert()
      .into(IndependentPrinterClinic)
      .values({ clinicId, since: now })
      .orIgnore()
      .execute();
  }

  /** After a printer is removed: a clinic with none left is no longer served by the send-to-printers job. */
  async unmarkIfNone(clinicId: number, db: EntityManager): Promise<void> {
    if ((await this.printersAt(clinicId, db)).length === 0) await db.delete(IndependentPrinterClinic, { clinicId });
  }

  async independentClinics(db: EntityManager): Promise<Set<number>> {
    const rows = await db.find(IndependentPrinterClinic);
    return new Set(rows.map((r) => r.clinicId));
  }

  private async printSlips(
    clinic: Place,
    slips: readonly Slip[],
    printers: readonly Recipient[],
    ctx: SendContext,
  ): Promise<void> {
    for (const slip of slips) {
      const params = {
        clinic: clinic.name,
        id: slip.requisitionId,
        result: this.results.display(slip),
        lab: this.settings.labName,
      };
      for (const printer of printers)
        await this.sender.send(printer, texts.printerSlip, params, ctx, slip.id ?? null, [params.result]);
    }
  }

  private async tellWorkers(clinic: Place, slips: readonly Slip[], ctx: SendContext): Promise<void> {
    const ids = slips.map((s) => s.requisitionId).join(', ');
    for (const worker of await this.recipients.at(clinic.id, 'clinic-worker', ctx.db)) {
      ctx.send(worker, texts.printedNotice, {
        name: worker.contact.name,
        count: slips.length,
        clinic: clinic.name,
        ids,
      });
    }
  }
}
