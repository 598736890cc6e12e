import type { LabLogLine } from './lab-logs.service';

/** A jump in line numbers this large is a new log file, not lost lines (Mwana's viewer used 5,000). */
export const ROTATION_THRESHOLD = 5000;

export type LogEntry =
  | { readonly kind: 'line'; readonly line: LabLogLine }
  | { readonly kind: 'missing'; readonly count: number }
  | { readonly kind: 'rotation' };

/**
 * The lines (in time order) with what the viewer should point out between them: lines the lab
 * never sent (`missing`), or line numbers that start again or leap (`rotation`: most likely a
 * new log file; Mwana wrote it `logfile rotation (?)`).
 */
export function withGaps(lines: readonly LabLogLine[]): LogEntry[] {
  const entries: LogEntry[] = [];
  let previous: number | null = null;
  for (const line of lines) {
    // A line without a number says nothing of gaps: the next numbered line is compared with the last numbered one.
    if (line.line === null) {
      entries.push({ kind: 'line', line });
      continue;
    }
    if (previous !== null) {
      const gap = line.line - previous - 1;
      if (gap < -1 || gap >= ROTATION_THRESHOLD) entries.push({ kind: 'rotation' });
      else if (gap > 0) entries.push({ kind: 'missing', count: gap });
    }
    entries.push({ kind: 'line', line });
    previous = line.line;
  }
  return entries;
}
