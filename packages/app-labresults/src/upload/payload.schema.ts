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

/** PostgreSQL's integer: a lab number beyond it is refused here, not by the database. */
export const INT4_MAX = 2_147_483_647;

const NUL = 'holds a NUL character, which cannot be stored';
/** Text PostgreSQL takes: no NUL (its messages would otherwise be a bare 500). */
const storable = z.string().refine((value) => !value.includes('\0'), NUL);
const text = storable.trim();
const optionalText = (max: number) =>
  z
    .union([text.max(max), z.number().transform(String).pipe(z.string().max(max))])
    .nullish()
    .transform((v) => (v ? v : null));
/**
 * `2026-02-30` has the shape and is no day, and PostgreSQL has no year 0: refused here, not
 * by the database (whose message would quote the value).
 */
const isCalendarDay = (value: string): boolean => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && !value.startsWith('0000');
};
const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine(isCalendarDay, 'a date is YYYY-MM-DD, a day of the calendar')
  .or(z.literal('').transform(() => null))
  .nullish()
  .transform((v) => v ?? null);
// Lab systems send codes and ids as numbers or strings.
const code = z.union([text.min(1), z.number().int().nonnegative().transform(String)]);
/** A detail count (an age): a number or the digits of one; empty is none. */
const detailCount = (max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^\d*$/, 'a number')
        .transform((v) => (v === '' ? null : Number(v))),
    ])
    .nullish()
    .pipe(z.number().int().min(0).max(max).nullish())
    .transform((v) => v ?? null);
const YES = ['true', 'yes', 'y', '1'];
const NO = ['false', 'no', 'n', '0'];
const flag = z
  .union([
    z.boolean(),
    z.literal(1).transform(() => true),
    z.literal(0).transform(() => false),
    z
      .string()
      .trim()
      .toLowerCase()
      .refine((v) => [...YES, ...NO, ''].includes(v), 'true or false')
      .transform((v) => (v === '' ? null : YES.includes(v))),
  ])
  .nullish()
  .transform((v) => v ?? null);

/**
 * One sample: `id`, `fac` and `sync` are required; the rest, details included, may be absent,
 * null or empty. A value the database would refuse (over its column, no such day, NUL) is a
 * problem named by its field, never quoted.
 */
export const sampleSchema = z.looseObject({
  id: code.pipe(z.string().max(50)),
  fac: code.pipe(z.string().max(20)),
  pat_id: z
    .union([text.max(50), z.number().transform(String).pipe(z.string().max(50))])
    .nullish()
    .transform((v) => (v ? v : null)),
  sync: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['new', 'update'])),
  result: z
    .string()
    .trim()
    .toLowerCase()
    .refine((word) => word === '' || Object.hasOwn(RESULT_WORDS, word), {
      message: `a result is one of ${Object.keys(RESULT_WORDS).join(', ')}`,
    })
    .transform((word) => (word === '' ? null : RESULT_WORDS[word]))
    .nullish()
    .transform((v) => v ?? null),
  result_detail: optionalText(200),
  coll_on: isoDate,
  recv_on: isoDate,
  proc_on: isoDate,
  dob: isoDate,
  child_age: detailCount(200),
  child_age_unit: optionalText(20),
  sex: optionalText(10),
  mother_age: detailCount(100),
  hw: optionalText(100),
  hw_tit: optionalText(50),
  verified: flag,
});

/**
 * One log line: `at` and `msg` are what make it a line; its number (`ln`) and level may be
 * missing. A line that does not fit is kept raw and flagged, and holds back nothing.
 */
export const logSchema = z.looseObject({
  at: storable,
  msg: storable,
  lvl: optionalText(20),
  ln: z
    .number()
    .int()
    .min(-INT4_MAX - 1)
    .max(INT4_MAX)
    .nullish()
    .transform((v) => v ?? null),
});

/** Where a payload comes from: kept even when its samples are refused, so the console can say which lab's failed. */
export const payloadMetaSchema = z.looseObject({
  source: optionalText(100),
  version: optionalText(30),
  now: optionalText(40),
  info: optionalText(200),
});

/** `logs` and `samples` may be missing (a payload of logs only); when present each is a list. */
export const payloadSchema = payloadMetaSchema.extend({
  logs: z
    .array(z.unknown())
    .nullish()
    .transform((v) => v ?? []),
  samples: z
    .array(sampleSchema)
    .nullish()
    .transform((v) => v ?? []),
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
