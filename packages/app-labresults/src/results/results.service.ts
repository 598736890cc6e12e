import { type Connection, type Contact, ContactsService, MASKED_RESULT } from '@mwana/core';
import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, In, Not } from 'typeorm';
import { LabResult, RESULT_CODES, type ResultCode } from '../entities/lab-result.entity';
import { PendingPin } from '../entities/pending-pin.entity';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';

/** `<old requisition id>:<old result code>`; the id itself may hold a colon. */
function splitOld(oldValue: string): [string, ResultCode | null] {
  const at = oldValue.lastIndexOf(':');
  if (at < 0) return [oldValue, null];
  const code = oldValue.slice(at + 1);
  return [oldValue.slice(0, at), (RESULT_CODES as readonly string[]).includes(code) ? (code as ResultCode) : null];
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-01-02` as `02 Jan 2026`, as Mwana wrote dates in results; '' for none. */
export function smsDate(date: string | null): string {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  return match ? `${match[3]} ${MONTHS[Number(match[2]) - 1]} ${match[1]}` : '';
}

/** `lab_result` rows read by raw SQL (`r.*`), as TypeORM would have loaded them. */
function labResults(rows: ReadonlyArray<Record<string, unknown>>, db: EntityManager): LabResult[] {
  const metadata = db.connection.getMetadata(LabResult);
  return rows.map((row) => {
    const result = db.create(LabResult);
    for (const column of metadata.columns)
      column.setEntityValue(result, db.connection.driver.prepareHydratedValue(row[column.databaseName], column));
    return result;
  });
}

export interface PendingOptions {
  /** Zambia's rule: leave out results announced before and unread for a week (re-announced on Mondays). */
  readonly skipStaleSince?: Date;
}

/** Results waiting for a clinic, and the phones waiting for a PIN to get them. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly contacts: ContactsService,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {}

  /** Clinics with results to announce (verified, new or announced and not yet collected). */
  async clinicsWithPending(db: EntityManager): Promise<number[]> {
    const rows: Array<{ clinic_id: number }> = await db.query(
      `SELECT DISTINCT clinic_id FROM lab_result
        WHERE clinic_id IS NOT NULL AND notification_status IN ('new', 'notified') AND verified IS NOT FALSE
        ORDER BY clinic_id`,
    );
    return rows.map((r) => r.clinic_id);
  }

  /** At most one batch of a clinic's pending results, oldest sample first (Mwana's order). */
  pending(clinicId: number, db: EntityManager, options: PendingOptions = {}): Promise<LabResult[]> {
    const query = db
      .getRepository(LabResult)
      .createQueryBuilder('r')
      .where('r.clinic_id = :clinicId', { clinicId })
      .andWhere(`r.notification_status IN ('new', 'notified')`)
      .andWhere('r.verified IS NOT FALSE');
    if (options.skipStaleSince) {
      const cutoff = new Date(options.skipStaleSince.getTime() - WEEK_MS);
      query.andWhere(`NOT (r.notification_status = 'notified' AND r.arrival_date <= :cutoff)`, { cutoff });
    }
    return query
      .orderBy('r.collected_on', 'ASC', 'NULLS LAST')
      .addOrderBy('r.requisition_id')
      .addOrderBy('r.id')
      .limit(this.settings.batchSize)
      .getMany();
  }

  /** Puts a phone in "waiting for PIN" for these results (replacing what it waited for) and marks them announced. */
  async awaitPin(
    connection: Connection,
    contactId: number,
    results: readonly LabResult[],
    now: Date,
    db: EntityManager,
  ): Promise<void> {
    await db.delete(PendingPin, { connectionId: connection.id });
    await db.insert(
      PendingPin,
      results.map((r) => ({ connectionId: connection.id, contactId, resultId: r.id, createdAt: now })),
    );
    // A result asked for again (RESULT) after it was sent stays sent, and one on its way stays so.
    await db.update(
      LabResult,
      { id: In(results.map((r) => r.id)), notificationStatus: Not(In(['sent', 'sending'])) },
      { notificationStatus: 'notified' },
    );
  }

  /**
   * `waiting`, and in the same statement whether results are withheld from the contact (an
   * approval of theirs in one of `approval.statuses`): what a PIN reply reads first.
   */
  async waitingFor(
    connectionId: number,
    approval: { readonly contactId: number; readonly statuses: readonly string[] },
    db: EntityManager,
  ): Promise<{ results: LabResult[]; withheld: boolean }> {
    const rows: Array<Record<string, unknown> & { withheld: boolean }> = await db.query(
      `SELECT r.*, EXISTS (SELECT 1 FROM clinic_worker_approval a WHERE a.contact_id = $2 AND a.status = ANY($3::varchar[])) AS withheld
         FROM lab_result r JOIN pending_pin p ON p.result_id = r.id WHERE p.connection_id = $1
        ORDER BY r.collected_on ASC NULLS LAST, r.requisition_id, r.id`,
      [connectionId, approval.contactId, approval.statuses],
    );
    return { results: labResults(rows, db), withheld: rows[0]?.withheld ?? false };
  }

  /** The results a phone waits to collect with its PIN, in delivery order. */
  waiting(connectionId: number, db: EntityManager): Promise<LabResult[]> {
    return db
      .getRepository(LabResult)
      .createQueryBuilder('r')
      .innerJoin(PendingPin, 'p', 'p.result_id = r.id')
      .where('p.connection_id = :connectionId', { connectionId })
      .orderBy('r.collected_on', 'ASC', 'NULLS LAST')
      .addOrderBy('r.requisition_id')
      .addOrderBy('r.id')
      .getMany();
  }

  /**
   * A right PIN's claim, in one statement: this phone stops waiting, and the results it waited
   * for (in delivery order) are on their way (`sending`; a sent one stays sent); every other
   * phone told of them stops waiting too (`others`: their connections, to tell who collected
   * them). Nothing when this phone waits for nothing any more (a right PIN sent twice: the
   * first took them).
   */
  async collect(connectionId: number, db: EntityManager): Promise<{ results: LabResult[]; others: number[] }> {
    const rows: Array<Record<string, unknown> & { others: number[] | null }> = await db.query(
      `WITH mine AS (
         DELETE FROM pending_pin WHERE connection_id = $1 RETURNING result_id),
       others AS (
         SELECT DISTINCT connection_id FROM pending_pin
          WHERE result_id IN (SELECT result_id FROM mine) AND connection_id <> $1),
       gone AS (
         DELETE FROM pending_pin WHERE connection_id IN (SELECT connection_id FROM others)),
       sending AS (
         UPDATE lab_result SET notification_status = 'sending'
          WHERE id IN (SELECT result_id FROM mine) AND notification_status <> 'sent')
       SELECT r.*, (SELECT array_agg(connection_id) FROM others) AS others
         FROM lab_result r WHERE r.id IN (SELECT result_id FROM mine)
        ORDER BY r.collected_on ASC NULLS LAST, r.requisition_id, r.id`,
      [connectionId],
    );
    return { results: labResults(rows, db), others: rows[0]?.others ?? [] };
  }

  /** Who last collected a clinic's results with a PIN (Mwana's "last collector"), from the disclosure record. */
  async lastCollector(clinicId: number, db: EntityManager): Promise<Contact | null> {
    const [row]: Array<{ contact_id: number }> = await db.query(
      `SELECT d.contact_id FROM result_disclosure d JOIN lab_result r ON r.id = d.result_id
        WHERE r.clinic_id = $1 AND d.via = 'pin' ORDER BY d.disclosed_at DESC, d.id DESC LIMIT 1`,
      [clinicId],
    );
    return row ? this.contacts.findById(row.contact_id, db) : null;
  }

  /** The result as the country words it: Detected / NotDetected, or Positive / Negative. */
  display(result: Pick<LabResult, 'result'>): string {
    if (result.result === 'P') return this.settings.resultWords.detected;
    if (result.result === 'N') return this.settings.resultWords.notDetected;
    return this.settings.resultWords.rejected;
  }

  /**
   * The results as lines of the PIN reply (docs/keywords.md#pin-reply). A result whose requisition id the lab
   * changed after delivery shows what it was: `**** <old id>;<old> changed to <id>;<new>`.
   * Two samples with the same requisition id (a clinic that reused one) are told apart by
   * their dates: `**** <id>;<result>. Date Collected;02 Jan 2026. Tested on;05 Jan 2026`.
   */
  items(results: readonly LabResult[]): string[] {
    return this.lines(results).map((line) => this.item(line.result, line.withDates));
  }

  /** Which results' lines carry their dates (a requisition id twice in the batch). */
  lines(results: readonly LabResult[]): Array<{ result: LabResult; withDates: boolean }> {
    const seen = new Map<string, number>();
    for (const r of results) seen.set(r.requisitionId, (seen.get(r.requisitionId) ?? 0) + 1);
    return results.map((result) => ({ result, withDates: (seen.get(result.requisitionId) ?? 0) > 1 }));
  }

  /**
   * One result's line; `masked`, with its values as `•••` (what the message log keeps of a
   * results SMS: `**** P-0001;•••`).
   */
  item(result: LabResult, withDates: boolean, masked = false): string {
    const display = (r: Pick<LabResult, 'result'>): string => (masked ? MASKED_RESULT : this.display(r));
    const dates = withDates
      ? `. Date Collected;${smsDate(result.collectedOn)}. Tested on;${smsDate(result.processedOn)}`
      : '';
    const now = `${result.requisitionId};${display(result)}${dates}`;
    if ((result.recordChange !== 'req_id' && result.recordChange !== 'both') || !result.oldValue) return `**** ${now}`;
    const [oldId, oldCode] = result.recordChange === 'both' ? splitOld(result.oldValue) : [result.oldValue, null];
    const oldText = oldCode ? display({ result: oldCode }) : display(result);
    return `**** ${oldId};${oldText} changed to ${now}`;
  }
}
