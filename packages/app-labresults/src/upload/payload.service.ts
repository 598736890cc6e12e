import { Clock } from '@mwana/core';
import { Injectable, Logger } from '@nestjs/common';
import { describeDatabaseError, LabResultsError, LabResultsErrorCode } from '../labresults.error';
import { DataSource, type EntityManager, In } from 'typeorm';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { LabPayload } from '../entities/lab-payload.entity';
import { LabResult } from '../entities/lab-result.entity';
import { LabLogsService } from '../logs/lab-logs.service';
import { applySample, sameFields, type SampleFields } from './apply-sample';
import {
  type LabPayloadMeta,
  payloadMetaSchema,
  payloadProblems,
  payloadSchema,
  type SampleRecord,
} from './payload.schema';

export interface UploadOutcome {
  readonly payloadId: number;
  /** Empty when the payload was applied. */
  readonly errors: readonly string[];
  readonly created: number;
  readonly changed: number;
  readonly unchanged: number;
  /** Samples without a requisition id yet: valid, skipped, the lab sends them again. */
  readonly skipped: number;
}

/** Rows read or inserted per statement (well under PostgreSQL's 65,535 parameters). */
const BATCH = 500;

type MetaColumns = Pick<LabPayload, 'source' | 'version' | 'clientTimestamp' | 'info'>;

/**
 * Lab uploads (docs/keywords.md#lab-upload): the raw body is committed first, whatever it holds; then it is
 * checked whole and applied in one transaction with its log lines, so a bad sample leaves no half upload.
 */
@Injectable()
export class PayloadService {
  private readonly logger = new Logger('LabPayloads');

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ClinicDirectory,
    private readonly clock: Clock,
    private readonly logs: LabLogsService,
  ) {}

  async receive(raw: string, accountId: number | null): Promise<UploadOutcome> {
    const payload = await this.dataSource.getRepository(LabPayload).save({
      incomingDate: this.clock.now(),
      accountId,
      raw,
      parsedJson: false,
      validatedSchema: false,
      errors: [],
      source: null,
      version: null,
      clientTimestamp: null,
      info: null,
    });
    return this.process(payload);
  }

  /** Reads and applies a stored payload; also how a failed one is re-run. */
  async process(payload: LabPayload): Promise<UploadOutcome> {
    const outcome = { payloadId: payload.id, created: 0, changed: 0, unchanged: 0, skipped: 0 };
    let body: unknown;
    try {
      body = JSON.parse(payload.raw);
    } catch {
      return this.refuse(
        payload,
        outcome,
        [`body: not JSON (${Buffer.byteLength(payload.raw)} bytes received)`],
        false,
      );
    }
    const parsed = payloadSchema.safeParse(body);
    if (!parsed.success) {
      const meta = payloadMetaSchema.safeParse(body);
      return this.refuse(
        payload,
        outcome,
        payloadProblems(parsed.error),
        true,
        meta.success ? this.meta(meta.data) : {},
      );
    }

    // Marked read first: if applying fails unexpectedly, the hourly job finds it to retry.
    await this.dataSource
      .getRepository(LabPayload)
      .update(payload.id, { ...this.meta(parsed.data), parsedJson: true, validatedSchema: false, errors: [] });
    let counts: Omit<UploadOutcome, 'errors'> & { unreadableLogTimes: number };
    try {
      counts = await this.dataSource.transaction(async (db) => {
        const unreadableLogTimes = await this.logs.store(payload.id, parsed.data.logs, db);
        const applied = await this.apply(parsed.data.samples, payload, db);
        await db.update(LabPayload, payload.id, { validatedSchema: true });
        return { ...outcome, ...applied, unreadableLogTimes };
      });
    } catch (error) {
      // The database's message may quote a lab's value (a date of birth, a patient id): never pass it on.
      const problem = `payload #${payload.id} could not be applied (${describeDatabaseError(error)}); the re-run job tries again`;
      this.logger.error(problem);
      throw new LabResultsError(LabResultsErrorCode.ApplyFailed, problem);
    }
    const { unreadableLogTimes, ...applied } = counts;
    this.logger.log(
      `payload #${payload.id}: ${applied.created} new, ${applied.changed} changed, ${applied.unchanged} unchanged, ${applied.skipped} skipped; ${parsed.data.logs.length} log lines (${unreadableLogTimes} with an unreadable time)`,
    );
    return { ...applied, errors: [] };
  }

  /**
   * The samples on top of what is stored, in the caller's transaction: the stored results and
   * the facilities read in one go, new results inserted in batches, so a lab's 10,000-sample
   * catch-up is a few dozen statements. A sample sent twice in one payload is applied twice, in order.
   */
  private async apply(
    samples: readonly SampleRecord[],
    payload: LabPayload,
    db: EntityManager,
  ): Promise<Omit<UploadOutcome, 'payloadId' | 'errors'>> {
    const totals = { created: 0, changed: 0, unchanged: 0, skipped: 0 };
    const kept = samples.filter((sample) => sample.pat_id);
    totals.skipped = samples.length - kept.length;
    const stored = new Map<string, LabResult>();
    const ids = [...new Set(kept.map((sample) => sample.id))];
    for (let i = 0; i < ids.length; i += BATCH) {
      for (const row of await db.findBy(LabResult, { sampleId: In(ids.slice(i, i + BATCH)) }))
        stored.set(row.sampleId, row);
    }
    const clinics = await this.directory.findByLabCodes(
      kept.map((sample) => sample.fac),
      db,
    );
    const created = new Map<string, SampleFields>();
    const changed = new Map<number, SampleFields>();
    for (const sample of kept) {
      const previous = stored.get(sample.id) ?? null;
      const next = applySample(sample, clinics.get(sample.fac) ?? null, previous, payload.incomingDate);
      if (previous && sameFields(previous, next)) {
        totals.unchanged += 1;
        continue;
      }
      if (
        previous &&
        previous.clinicId !== next.clinicId &&
        ['sent', 'notified'].includes(previous.notificationStatus)
      ) {
        this.logger.warn(
          `payload #${payload.id}: sample ${previous.id} moved to another clinic after it was announced`,
        );
      }
      if (previous) totals.changed += 1;
      else totals.created += 1;
      // What the next sample with this id is applied on top of.
      stored.set(sample.id, Object.assign(previous ?? new LabResult(), next));
      // A stored row is updated; one this payload created (no id yet) is inserted as it ends up.
      if (previous?.id !== undefined) changed.set(previous.id, next);
      else created.set(sample.id, next);
    }
    for (const [id, fields] of changed) await db.update(LabResult, id, { ...fields, payloadId: payload.id });
    const rows = [...created.values()].map((fields) => ({ ...fields, payloadId: payload.id }));
    for (let i = 0; i < rows.length; i += BATCH) await db.insert(LabResult, rows.slice(i, i + BATCH));
    return totals;
  }

  /** Re-runs payloads that were JSON but not applied (the hourly job, the operator command). */
  async reprocessFailed(ids?: readonly number[]): Promise<UploadOutcome[]> {
    const query = this.dataSource
      .getRepository(LabPayload)
      .createQueryBuilder('p')
      .where('p.parsed_json AND NOT p.validated_schema')
      .orderBy('p.id');
    if (ids) query.andWhere('p.id = ANY(:ids)', { ids: [...ids] });
    const outcomes: UploadOutcome[] = [];
    // One transaction each: a payload that still fails does not hold back the others.
    for (const payload of await query.getMany()) outcomes.push(await this.process(payload));
    return outcomes;
  }

  private async refuse(
    payload: LabPayload,
    outcome: Omit<UploadOutcome, 'errors'>,
    errors: string[],
    parsedJson: boolean,
    meta: Partial<MetaColumns> = {},
  ): Promise<UploadOutcome> {
    await this.dataSource
      .getRepository(LabPayload)
      .update(payload.id, { ...meta, parsedJson, validatedSchema: false, errors });
    this.logger.warn(`payload #${payload.id} refused: ${errors.length} problem(s)`);
    return { ...outcome, errors };
  }

  private meta(body: LabPayloadMeta): MetaColumns {
    return { source: body.source, version: body.version, clientTimestamp: body.now, info: body.info };
  }
}
