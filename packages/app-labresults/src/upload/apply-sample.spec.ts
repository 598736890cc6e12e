import type { LabResult } from '../entities/lab-result.entity';
import { applySample, sameFields } from './apply-sample';
import { type SampleRecord, payloadProblems, payloadSchema, sampleSchema } from './payload.schema';

const NOW = new Date('2026-01-06T09:00:00Z');
const clinic = { id: 7 };

function sample(fields: Record<string, unknown> = {}): SampleRecord {
  return sampleSchema.parse({
    id: '10-09998',
    fac: '4030120',
    pat_id: '1029023412',
    sync: 'new',
    result: 'negative',
    coll_on: '2026-01-02',
    verified: true,
    ...fields,
  });
}

function stored(fields: Partial<LabResult>): LabResult {
  const first = applySample(sample(), clinic, null, new Date('2026-01-01T00:00:00Z'));
  return { id: 1, payloadId: 1, createdAt: NOW, updatedAt: NOW, ...first, ...fields };
}

describe('applySample (docs/keywords.md#result-states, #lab-upload)', () => {
  it('starts a sample new with a result, unprocessed without', () => {
    expect(applySample(sample(), clinic, null, NOW)).toMatchObject({
      notificationStatus: 'new',
      result: 'N',
      arrivalDate: NOW,
      clinicId: 7,
    });
    expect(applySample(sample({ result: null }), clinic, null, NOW)).toMatchObject({
      notificationStatus: 'unprocessed',
      arrivalDate: null,
    });
  });

  it('keeps an unknown facility code and no clinic', () => {
    expect(applySample(sample(), null, null, NOW)).toMatchObject({ clinicId: null, clinicCodeUnrec: '4030120' });
  });

  it('turns unprocessed into new when the result comes, with that upload as arrival', () => {
    const next = applySample(
      sample(),
      clinic,
      stored({ result: null, notificationStatus: 'unprocessed', arrivalDate: null }),
      NOW,
    );
    expect(next).toMatchObject({ notificationStatus: 'new', arrivalDate: NOW });
  });

  it('marks a sent result updated when the lab changes it, keeping the old value', () => {
    const sent = stored({ notificationStatus: 'sent', resultSentDate: NOW });
    expect(applySample(sample({ result: 'positive' }), clinic, sent, NOW)).toMatchObject({
      notificationStatus: 'updated',
      recordChange: 'result',
      oldValue: 'N',
      resultSentDate: NOW,
    });
    expect(applySample(sample({ pat_id: '1029023499' }), clinic, sent, NOW)).toMatchObject({
      notificationStatus: 'updated',
      recordChange: 'req_id',
      oldValue: '1029023412',
    });
    expect(applySample(sample({ pat_id: '1029023499', result: 'positive' }), clinic, sent, NOW)).toMatchObject({
      recordChange: 'both',
      oldValue: '1029023412:N',
    });
  });

  it('changes nothing for the same sample sent again', () => {
    const sent = stored({ notificationStatus: 'sent', resultSentDate: NOW });
    expect(sameFields(sent, applySample(sample(), clinic, sent, NOW))).toBe(true);
    expect(sameFields(sent, applySample(sample({ result: 'positive' }), clinic, sent, NOW))).toBe(false);
  });
});

describe('payloadSchema', () => {
  it('lists what is wrong, with where', () => {
    const parsed = payloadSchema.safeParse({
      source: 'ndola/arthur-davison',
      logs: [],
      samples: [{ id: 'x', fac: null, sync: 'maybe', result: 'unsure' }],
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(payloadProblems(parsed.error)).toEqual([
      expect.stringMatching(/^samples\[0\]\.fac: /),
      expect.stringMatching(/^samples\[0\]\.sync: /),
      'samples[0].result: a result is one of positive, negative, rejected, indeterminate, inconsistent',
    ]);
    expect(payloadProblems(payloadSchema.safeParse([]).error!)).toEqual([expect.stringMatching(/^body: /)]);
  });

  it('takes numeric ids and facility codes', () => {
    expect(sampleSchema.parse({ id: 12, fac: 2020200, pat_id: 55, sync: 'update', result: 'Rejected' })).toMatchObject({
      id: '12',
      fac: '2020200',
      pat_id: '55',
      result: 'R',
    });
  });
});
