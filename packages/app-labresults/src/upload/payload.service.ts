import { Clock } from '@mwana/core';
import { Injectable, Logger } from '@nestjs/common';
import { describeDatabaseError, LabResultsError, LabResultsErrorCode } from '../labresults.error';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { LabPayload } from '../entities/lab-payload.entity';
import { LabLogsService } from '../logs/lab-logs.service';
import { applySamples } from './apply-samples';
import { type LabPayloadMeta, payloadMetaSchema, payloadProblems, payloadSchema } from './payload.schema';
import { rerunEach, scheduledReruns, unappliedPayloads } from './payload-reruns';

type PayloadRecord = z.output<typeof payloadSchema>;

export interface UploadOutcome {
  readonly payloadId: number;
  /** Empty when the payload was applied: what was refused, field and problem, never a value. */
  readonly errors: readonly string[];
  /** Set when a valid payload could not be applied (it is kept as `failed`, and re-run). */
  readonly failure?: string;
  readonly created: number;
  readonly changed: number;
  readonly unchanged: number;
  /** Samples without a requisition id yet: valid, skipped, the lab sends them again. */
  readonly skipped: number;
  /** Log lines kept raw and flagged: they hold back nothing. */
  readonly flaggedLogs: number;
}

/** A transaction that lost a race (two uploads creating one sample, a deadlock) is tried again this often. */
const RACE_RETRIES = 3;
const RACES = new Set(['23505', '40001', '40P01']);

/** Problems listed (stored and answered) for one payload. */
const MAX_PROBLEMS = 200;

type MetaColumns = Pick<LabPayload, 'source' | 'version' | 'clientTimestamp' | 'info'>;

/** An upload's body as it came: bytes (any content type), or text. */
export type RawBody = Buffer | string;

/**
 * Lab uploads (docs/keywords.md#lab-upload): the raw body is committed first, whatever it holds
 * and whatever its content type; then it is checked whole (every value the database would refuse
 * included) and applied in one transaction with its log lines, so a bad sample leaves no half upload.
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

  async receive(body: RawBody, accountId: number | null, contentType: string | null = null): Promise<UploadOutcome> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const text = bytes.toString('utf8');
    // PostgreSQL's text holds no NUL; bytes that are not UTF-8 do not survive decoding: both keep their bytes.
    const raw = text.replaceAll('\0', '\uFFFD');
    const exact = raw === text && Buffer.from(text, 'utf8').equals(bytes);
    const payload = await this.dataSource.getRepository(LabPayload).save({
      incomingDate: this.clock.now(),
      accountId,
      raw,
      rawBytes: exact ? null : bytes,
      contentType: contentType === null ? null : contentType.slice(0, 200),
      state: 'received',
      failures: 0,
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
    const outcome = { payloadId: payload.id, created: 0, changed: 0, unchanged: 0, skipped: 0, flaggedLogs: 0 };
    // A byte order mark (Windows exports write one) is not part of the JSON.
    const text = (payload.rawBytes ? payload.rawBytes.toString('utf8') : payload.raw).replace(/^\uFEFF/, '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return this.refuse(payload, outcome, [`body: not JSON (${Buffer.byteLength(text)} bytes received)`], false);
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

    let counts: Omit<UploadOutcome, 'errors'> & { unreadableLogTimes: number };
    try {
      counts = await this.applyWhole(payload, parsed.data, outcome);
    } catch (error) {
      // The database's message may quote a lab's value (a date of birth, a patient id): never pass it on.
      const problem = `payload #${payload.id} could not be applied (${describeDatabaseError(error)}); the re-run job tries again`;
      this.logger.error(problem);
      await this.dataSource
        .getRepository(LabPayload)
        .createQueryBuilder()
        .update()
        .set({
          ...this.meta(parsed.data),
          state: 'failed',
          parsedJson: true,
          errors: [problem],
          failures: () => 'failures + 1',
        })
        .where('id = :id', { id: payload.id })
        .execute();
      throw new LabResultsError(LabResultsErrorCode.ApplyFailed, problem);
    }
    const { unreadableLogTimes, ...applied } = counts;
    this.logger.log(
      `payload #${payload.id}: ${applied.created} new, ${applied.changed} changed, ${applied.unchanged} unchanged, ${applied.skipped} skipped; ${parsed.data.logs.length} log lines (${unreadableLogTimes} with an unreadable time, ${applied.flaggedLogs} flagged)`,
    );
    return { ...applied, errors: [] };
  }

  /** Logs, samples and the payload's state in one transaction, tried again when it lost a race. */
  private async applyWhole(
    payload: LabPayload,
    data: PayloadRecord,
    outcome: Omit<UploadOutcome, 'errors'>,
  ): Promise<Omit<UploadOutcome, 'errors'> & { unreadableLogTimes: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (db) => {
          const logs = await this.logs.store(payload.id, data.logs, db);
          const applied = await applySamples(this.directory, this.logger, data.samples, payload, db);
          await db.update(LabPayload, payload.id, {
            ...this.meta(data),
            state: 'applied',
            parsedJson: true,
            validatedSchema: true,
            errors: [],
          });
          return { ...outcome, ...applied, flaggedLogs: logs.flagged, unreadableLogTimes: logs.unreadableTimes };
        });
      } catch (error) {
        const code = ((error as { driverError?: { code?: unknown } }).driverError ?? (error as { code?: unknown }))
          ?.code;
        if (attempt >= RACE_RETRIES || typeof code !== 'string' || !RACES.has(code)) throw error;
      }
    }
  }

  /**
   * The hourly re-run: payloads whose applying threw (fewer than a day of times), and those
   * left `received` by a stop half way. Never those refused for their shape: they wait for
   * someone to fix them and re-run them. One payload that throws again is recorded and the next one is run.
   */
  async reprocessScheduled(): Promise<UploadOutcome[]> {
    return rerunEach(await scheduledReruns(this.dataSource, this.clock.now()), (payload) => this.process(payload));
  }

  /**
   * Re-runs payloads not applied (the operator command, the console): those named, or all of
   * them, refused ones included (after a fix, or a change that now takes them).
   */
  async reprocessFailed(ids?: readonly number[]): Promise<UploadOutcome[]> {
    return rerunEach(await unappliedPayloads(this.dataSource, ids), (payload) => this.process(payload));
  }

  private async refuse(
    payload: LabPayload,
    outcome: Omit<UploadOutcome, 'errors'>,
    errors: string[],
    parsedJson: boolean,
    meta: Partial<MetaColumns> = {},
  ): Promise<UploadOutcome> {
    // A catch-up of thousands of bad samples is told the first ones, and how many more.
    if (errors.length > MAX_PROBLEMS)
      errors = [...errors.slice(0, MAX_PROBLEMS), `and ${errors.length - MAX_PROBLEMS} more problem(s)`];
    await this.dataSource
      .getRepository(LabPayload)
      .update(payload.id, { ...meta, state: 'refused', parsedJson, validatedSchema: false, errors });
    this.logger.warn(`payload #${payload.id} refused: ${errors.length} problem(s)`);
    return { ...outcome, errors };
  }

  private meta(body: LabPayloadMeta): MetaColumns {
    return { source: body.source, version: body.version, clientTimestamp: body.now, info: body.info };
  }
}
