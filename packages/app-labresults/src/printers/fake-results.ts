import type { ResultCode } from '../entities/lab-result.entity';

/** A made-up result for demos and training: never stored, never a real child's. */
export interface FakeResult {
  readonly requisitionId: string;
  readonly result: ResultCode;
}

const DEMO_CODES: readonly ResultCode[] = ['P', 'N', 'R'];

/** A demo id in the country's format (`9990`, or Malawi's `<clinic>-9990-1`). */
export function fakeId(format: string, id: number, clinicCode: string): string {
  return format.replaceAll('{id}', String(id)).replaceAll('{clinic}', clinicCode);
}

/** The three demo results of DEMO and PRINTERDEMO (docs/keywords.md#demo): ids 9990-9992, Detected, NotDetected, Rejected. */
export function fakeResults(format: string, clinicCode: string): FakeResult[] {
  return DEMO_CODES.map((result, i) => ({ requisitionId: fakeId(format, 9990 + i, clinicCode), result }));
}
