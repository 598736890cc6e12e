import { type SendTimeMessage, SendTimeText, type SendTimeTextRenderer } from '@mwana/core';
import { DataSource, In } from 'typeorm';
import { LabResult } from '../entities/lab-result.entity';
import { ResultsService } from './results.service';

/** The kind of a results SMS: stored masked, its values read from the result rows as it leaves. */
export const RESULTS_SMS = 'labresults.results';

/** A results SMS's `ref`: each line's result id and whether it carries its dates, in order. */
export type ResultsSmsRef = ReadonlyArray<readonly [id: number, withDates: 0 | 1]>;

export function resultsSmsRef(lines: ReadonlyArray<{ result: LabResult; withDates: boolean }>): string {
  return JSON.stringify(lines.map((l) => [l.result.id, l.withDates ? 1 : 0]));
}

export function parseResultsSmsRef(ref: string | null): ResultsSmsRef {
  const parsed: unknown = JSON.parse(ref ?? 'null');
  if (!Array.isArray(parsed)) throw new Error('a results SMS without its results');
  return parsed as ResultsSmsRef;
}

/**
 * The text a results SMS leaves with (docs/keywords.md#pin-reply): the message log keeps
 * `**** P-0001;•••`; each line's value is put back from its `lab_result` row at send time, so
 * no result value is kept outside the result tables.
 */
@SendTimeText(RESULTS_SMS)
export class ResultsSmsText implements SendTimeTextRenderer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly results: ResultsService,
  ) {}

  async render(message: SendTimeMessage): Promise<string> {
    const ref = parseResultsSmsRef(message.ref);
    const rows = await this.dataSource.manager.findBy(LabResult, { id: In(ref.map(([id]) => id)) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    let text = message.storedText;
    let from = 0;
    for (const [id, withDates] of ref) {
      const result = byId.get(id);
      if (!result) throw new Error(`result #${id} of message #${message.id} is gone`);
      const masked = this.results.item(result, withDates === 1, true);
      const at = text.indexOf(masked, from);
      if (at < 0) throw new Error(`message #${message.id} does not carry the line of result #${id}`);
      const clear = this.results.item(result, withDates === 1);
      text = text.slice(0, at) + clear + text.slice(at + masked.length);
      from = at + clear.length;
    }
    return text;
  }
}
