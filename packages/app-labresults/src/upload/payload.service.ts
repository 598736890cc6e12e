import { Clock } from '@mwana/core';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { LabPayload } from '../entities/lab-payload.entity';
import { LabResult } from '../entities/lab-result.entity';
import { LabLogsService } from '../logs/lab-logs.service';
import { applySample, sameFields } from './apply-sample';
import { type LabPayloadMeta, payloadMetaSchema, payloadProblems, payloadSchema } from './payload.schema';

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

type MetaColumns = Pick<LabPayload, 'source' | 'version' | 'clientTimestamp' | 'info'>;

/**
 * Lab uploads (spec §3.2): the raw body is committed first, whatever it holds; then it is
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
      return this.refuse(payload, outcome, [`body: not JSON (${Buffer.byteLength(payload.raw)} bytes received)`], false);
    }
    const parsed = payloadSchema.safeParse(body);
    if (!parsed.success) {
      const meta = payloadMetaSchema.safeParse(body);
      return this.refuse(payload, outcome, payloadProblems(parsed.error), true, meta.success ? this.meta(meta.data) : {});
    }

    // Marked read first: if applying fails unexpectedly, the hourly job finds it to retry.
    await this.dataSource.getRepository(LabPayload).update(payload.id, { ...this.meta(parsed.data), parsedJson: true, validatedSchema: false, errors: [] });
    const counts = await this.dataSource.transaction(async (db) => {
      const totals = { ...outcome, unreadableLogTimes: await this.logs.store(payload.id, parsed.data.logs, db) };
      for (const sample of parsed.data.samples) {
        if (!sample.pat_id) {
          totals.skipped += 1;
          continue;
        }
        const previous = await db.findOneBy(LabResult, { sampleId: sample.id });
        const clinic = await this.directory.findByLabCode(sample.fac, db);
        const next = applySample(sample, clinic, previous, payload.incomingDate);
        if (previous && sameFields(previous, next)) {
          totals.unchanged += 1;
        } else if (previous) {
          if (previous.clinicId !== next.clinicId && ['sent', 'notified'].includes(previous.notificationStatus)) {
            this.logger.warn(`payload #${payload.id}: sample ${previous.id} moved to another clinic after it was announced`);
          }
          await db.update(LabResult, previous.id, { ...next, payloadId: payload.id });
          totals.changed += 1;
        } else {
          await db.insert(LabResult, { ...next, payloadId: payload.id });
          totals.created += 1;
        }
      }
      await db.update(LabPayload, payload.id, { validatedSchema: true });
      return totals;
    });
    const { unreadableLogTimes, ...applied } = counts;
    this.logger.log(
      `payload #${payload.id}: ${applied.created} new, ${applied.changed} changed, ${applied.unchanged} unchanged, ${applied.skipped} skipped; ${parsed.data.logs.length} log lines (${unreadableLogTimes} with an unreadable time)`,
    );
    return { ...applied, errors: [] };
  }

  /** Re-runs payloads that were JSON but not applied (the hourly job, the operator command). */
  async reprocessFailed(ids?: readonly number[]): Promise<UploadOutcome[]> {
    const query = this.dataSource.getRepository(LabPayload).createQueryBuilder('p').where('p.parsed_json AND NOT p.validated_schema').orderBy('p.id');
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
    await this.dataSource.getRepository(LabPayload).update(payload.id, { ...meta, parsedJson, validatedSchema: false, errors });
    this.logger.warn(`payload #${payload.id} refused: ${errors.length} problem(s)`);
    return { ...outcome, errors };
  }

  private meta(body: LabPayloadMeta): MetaColumns {
    return { source: body.source, version: body.version, clientTimestamp: body.now, info: body.info };
  }
}
