import type { Logger } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { ClinicDirectory } from '../clinics/clinic-directory';
import type { LabPayload } from '../entities/lab-payload.entity';
import { LabResult } from '../entities/lab-result.entity';
import { applySample, sameFields, type SampleFields } from './apply-sample';
import type { SampleRecord } from './payload.schema';
import type { UploadOutcome } from './payload.service';

/** Rows read or inserted per statement (well under PostgreSQL's 65,535 parameters). */
const BATCH = 500;

/**
 * The samples on top of what is stored, in the caller's transaction: the stored results and
 * the facilities read in one go, new results inserted in batches, so a lab's 10,000-sample
 * catch-up is a few dozen statements. A sample sent twice in one payload is applied twice, in order.
 */
export async function applySamples(
  directory: ClinicDirectory,
  logger: Logger,
  samples: readonly SampleRecord[],
  payload: LabPayload,
  db: EntityManager,
): Promise<Pick<UploadOutcome, 'created' | 'changed' | 'unchanged' | 'skipped'>> {
  const totals = { created: 0, changed: 0, unchanged: 0, skipped: 0 };
  const kept = samples.filter((sample) => sample.pat_id);
  totals.skipped = samples.length - kept.length;
  const stored = new Map<string, LabResult>();
  const ids = [...new Set(kept.map((sample) => sample.id))];
  for (let i = 0; i < ids.length; i += BATCH) {
    for (const row of await db.findBy(LabResult, { sampleId: In(ids.slice(i, i + BATCH)) }))
      stored.set(row.sampleId, row);
  }
  const clinics = await directory.findByLabCodes(
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
    if (previous && previous.clinicId !== next.clinicId && ['sent', 'notified'].includes(previous.notificationStatus)) {
      logger.warn(`payload #${payload.id}: sample ${previous.id} moved to another clinic after it was announced`);
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
