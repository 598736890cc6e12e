import { z } from 'zod';
import type { ResultCode } from '../entities/lab-result.entity';

/** The lab's words for results (docs/keywords.md#lab-upload), and the code each is stored as. */
export const RESULT_WORDS: Readonly<Record<string, ResultCode>> = {
  positive: 'P',
  negative: 'N',
  rejected: 'R',
  indeterminate: 'I',
  inconsistent: 'X',
};

const text = z.string().trim();
const optionalText = (max: number) =>
  text
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
/** `2026-02-30` has the shape and is no day: refused here, not by the database (whose message would quote it). */
const isCalendarDay = (value: string): boolean => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine(isCalendarDay, 'a date is YYYY-MM-DD, a day of the calendar')
  .nullish()
  .transform((v) => v ?? null);
// Lab systems send codes and ids as numbers or strings.
const code = z.union([text.min(1), z.number().int().nonnegative().transform(String)]);

export const sampleSchema = z.looseObject({
  id: code.pipe(z.string().max(50)),
  fac: code.pipe(z.string().max(20)),
  pat_id: z
    .union([text.max(50), z.number().transform(String)])
    .nullish()
    .transform((v) => (v ? v : null)),
  sync: z.enum(['new', 'update']),
  result: z
    .string()
    .trim()
    .toLowerCase()
    .refine((word) => Object.hasOwn(RESULT_WORDS, word), {
      message: `a result is one of ${Object.keys(RESULT_WORDS).join(', ')}`,
    })
    .transform((word) => RESULT_WORDS[word])
    .nullish()
    .transform((v) => v ?? null),
  result_detail: optionalText(200),
  coll_on: isoDate,
  recv_on: isoDate,
  proc_on: isoDate,
  dob: isoDate,
  child_age: z
    .number()
    .int()
    .min(0)
    .max(200)
    .nullish()
    .transform((v) => v ?? null),
  child_age_unit: optionalText(20),
  sex: optionalText(10),
  mother_age: z
    .number()
    .int()
    .min(0)
    .max(100)
    .nullish()
    .transform((v) => v ?? null),
  hw: optionalText(100),
  hw_tit: optionalText(50),
  verified: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
});

export const logSchema = z.looseObject({
  at: z.string(),
  msg: z.string(),
  lvl: z.string(),
  ln: z.number().int(),
});

/** Where a payload comes from: kept even when its samples are refused, so the console can say which lab's failed. */
export const payloadMetaSchema = z.looseObject({
  source: optionalText(100),
  version: optionalText(30),
  now: optionalText(40),
  info: optionalText(200),
});

export const payloadSchema = payloadMetaSchema.extend({
  logs: z.array(logSchema),
  samples: z.array(sampleSchema),
});

export type SampleRecord = z.output<typeof sampleSchema>;
export type LabLogRecord = z.output<typeof logSchema>;
export type LabPayloadMeta = z.output<typeof payloadMetaSchema>;

/** What is wrong with a body, one line per problem, with where: `samples[3].result: ...`. */
export function payloadProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    return `${path || 'body'}: ${issue.message}`;
  });
}
