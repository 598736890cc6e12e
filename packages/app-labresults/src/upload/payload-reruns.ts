import { DataSource } from 'typeorm';
import { LabPayload } from '../entities/lab-payload.entity';
import { LabResultsError } from '../labresults.error';
import type { UploadOutcome } from './payload.service';

/** The hourly job gives up on a payload after this many failures: a day of hourly tries. */
export const MAX_SCHEDULED_FAILURES = 24;
/** A payload still `received` this long after it arrived was left half way (a stop, a crash). */
const ABANDONED_MINUTES = 10;

/**
 * The hourly re-run's payloads: those whose applying threw (fewer than a day of times), and
 * those left `received` by a stop half way. Never those refused for their shape.
 */
export function scheduledReruns(dataSource: DataSource, now: Date): Promise<LabPayload[]> {
  return dataSource
    .getRepository(LabPayload)
    .createQueryBuilder('p')
    .where(`(p.state = 'failed' AND p.failures < :max) OR (p.state = 'received' AND p.incoming_date < :before)`, {
      max: MAX_SCHEDULED_FAILURES,
      before: new Date(now.getTime() - ABANDONED_MINUTES * 60_000),
    })
    .orderBy('p.id')
    .getMany();
}

/** Payloads not applied, refused ones included: those named, or all of them. */
export function unappliedPayloads(dataSource: DataSource, ids?: readonly number[]): Promise<LabPayload[]> {
  const query = dataSource
    .getRepository(LabPayload)
    .createQueryBuilder('p')
    .where(`p.state <> 'applied'`)
    .orderBy('p.id');
  if (ids) query.andWhere('p.id = ANY(:ids)', { ids: [...ids] });
  return query.getMany();
}

// One transaction each: a payload that still fails does not hold back the others.
export async function rerunEach(
  payloads: readonly LabPayload[],
  process: (payload: LabPayload) => Promise<UploadOutcome>,
): Promise<UploadOutcome[]> {
  const outcomes: UploadOutcome[] = [];
  for (const payload of payloads) {
    try {
      outcomes.push(await process(payload));
    } catch (error) {
      if (!(error instanceof LabResultsError)) throw error;
      outcomes.push({
        payloadId: payload.id,
        errors: [],
        failure: error.message,
        created: 0,
        changed: 0,
        unchanged: 0,
        skipped: 0,
        flaggedLogs: 0,
      });
    }
  }
  return outcomes;
}
