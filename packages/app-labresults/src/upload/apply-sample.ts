import type { LabResult, NotificationStatus, RecordChange, ResultCode } from '../entities/lab-result.entity';
import type { SampleRecord } from './payload.schema';

/** The fields an upload sets on a result. */
export type SampleFields = Pick<
  LabResult,
  | 'sampleId'
  | 'requisitionId'
  | 'clinicId'
  | 'clinicCodeUnrec'
  | 'result'
  | 'resultDetail'
  | 'notificationStatus'
  | 'verified'
  | 'collectedOn'
  | 'enteredOn'
  | 'processedOn'
  | 'arrivalDate'
  | 'resultSentDate'
  | 'recordChange'
  | 'oldValue'
  | 'birthdate'
  | 'childAge'
  | 'childAgeUnit'
  | 'sex'
  | 'motherAge'
  | 'collectingHealthWorker'
  | 'collHwTitle'
>;

const REPORTABLE: readonly ResultCode[] = ['P', 'N'];

/**
 * A result after one upload of its sample (docs/keywords.md#result-states, #lab-upload):
 * new samples start `new` or `unprocessed`; a result changed after it was sent becomes
 * `updated`, with what changed kept in `recordChange` / `oldValue`.
 */
export function applySample(
  sample: SampleRecord,
  clinic: { id: number } | null,
  previous: LabResult | null,
  now: Date,
): SampleFields {
  const requisitionId = sample.pat_id ?? '';
  const base = {
    sampleId: sample.id,
    requisitionId,
    clinicId: clinic?.id ?? null,
    clinicCodeUnrec: clinic ? null : sample.fac,
    result: sample.result,
    resultDetail: sample.result_detail,
    verified: sample.verified,
    collectedOn: sample.coll_on,
    enteredOn: sample.recv_on,
    processedOn: sample.proc_on,
    birthdate: sample.dob,
    childAge: sample.child_age,
    childAgeUnit: sample.child_age_unit,
    sex: sample.sex,
    motherAge: sample.mother_age,
    collectingHealthWorker: sample.hw,
    collHwTitle: sample.hw_tit,
  };
  if (!previous) {
    const status: NotificationStatus = sample.result ? 'new' : 'unprocessed';
    return {
      ...base,
      notificationStatus: status,
      arrivalDate: sample.result ? now : null,
      resultSentDate: null,
      recordChange: null,
      oldValue: null,
    };
  }

  let status = previous.notificationStatus;
  let recordChange: RecordChange | null = previous.recordChange;
  let oldValue = previous.oldValue;
  const idChanged = previous.requisitionId !== requisitionId;
  if (status === 'sent' && idChanged) {
    status = 'updated';
    recordChange = 'req_id';
    oldValue = previous.requisitionId;
  }
  if (!previous.result && sample.result) status = 'new';
  if (previous.notificationStatus === 'sent' && previous.result !== sample.result) {
    status = 'updated';
    if (
      (previous.result && REPORTABLE.includes(previous.result)) ||
      (sample.result && REPORTABLE.includes(sample.result))
    ) {
      recordChange = idChanged ? 'both' : 'result';
      oldValue = idChanged ? `${previous.requisitionId}:${previous.result ?? ''}` : previous.result;
    }
  }
  return {
    ...base,
    notificationStatus: status,
    // The result arrived with the first upload that carried one.
    arrivalDate: sample.result ? (previous.result ? previous.arrivalDate : now) : previous.arrivalDate,
    resultSentDate: previous.resultSentDate,
    recordChange,
    oldValue,
  };
}

/** True when the upload changes nothing stored: re-sent payloads are common and must be no-ops. */
export function sameFields(previous: LabResult, next: SampleFields): boolean {
  return (Object.keys(next) as Array<keyof SampleFields>).every((key) => {
    const a = previous[key];
    const b = next[key];
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
  });
}
