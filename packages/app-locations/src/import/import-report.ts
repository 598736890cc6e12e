import type { LocationChange } from './import-diff';
import { NODE_LEVELS } from './import-nodes';
import type { ImportReport } from './location-importer.service';

const PLURAL: Record<(typeof NODE_LEVELS)[number], string> = {
  province: 'provinces',
  district: 'districts',
  facility: 'facilities',
  zone: 'zones',
};

/** `12 provinces, 116 districts` for the changes of one action; `none` when there are none. */
function counts(changes: readonly LocationChange[], action: LocationChange['action']): string {
  const parts = NODE_LEVELS.map(
    (level) => [level, changes.filter((c) => c.action === action && c.node.level === level).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${n === 1 ? level : PLURAL[level]}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

function describe(change: LocationChange): string {
  const { node } = change;
  const head = `${node.code} ${node.name} (${node.level}${node.level === 'facility' ? `, ${node.typeSlug}` : ''})`;
  return change.action === 'create' ? `  + ${head}` : `  ~ ${head}: ${change.fields.join('; ')}`;
}

/**
 * The head of an import's report (locations or contacts): the file's row count, every bad row
 * (`word` and its line in the file) and, when the bad rows held the file back, what to do.
 */
export function badRowLines(
  report: { readonly rows: number; readonly errors: ReadonlyArray<{ readonly line: number; readonly reason: string }> },
  options: { file: string; dryRun: boolean; skipBadRows: boolean },
  word: 'line' | 'row',
): { lines: string[]; refused: boolean } {
  const lines = [`${options.file}: ${report.rows} row(s)`];
  const refused = report.errors.length > 0 && !options.skipBadRows;
  if (report.errors.length > 0) {
    lines.push(`${report.errors.length} bad row(s):`);
    for (const error of report.errors) lines.push(`  ${word} ${error.line}: ${error.reason}`);
  }
  if (refused) {
    lines.push(
      options.dryRun
        ? 'A real run would import nothing from this file: fix the rows above, or run with --skip-bad-rows.'
        : 'Nothing was imported: fix the rows above, or run again with --skip-bad-rows to import the other rows.',
    );
  }
  return { lines, refused };
}

/** The operator's report of an import, as lines: what changed or would, and every bad row. */
export function formatImportReport(
  report: ImportReport,
  options: { file: string; dryRun: boolean; skipBadRows: boolean; limit?: number },
): string[] {
  const { lines, refused } = badRowLines(report, options, 'line');
  if (report.changes.length === 0) {
    if (!refused) lines.push(`Nothing to change: ${report.unchanged} location(s) already as in the file.`);
    return lines;
  }
  const verb = report.applied ? ['Created', 'Updated'] : ['Would create', 'would update'];
  lines.push(
    `${verb[0]}: ${counts(report.changes, 'create')}; ${verb[1].toLowerCase()}: ${counts(report.changes, 'update')}; unchanged: ${report.unchanged}.`,
  );
  if (report.newTypes.length > 0) lines.push(`New location types: ${report.newTypes.join(', ')}.`);
  const limit = options.limit ?? 20;
  for (const change of report.changes.slice(0, limit)) lines.push(describe(change));
  if (report.changes.length > limit)
    lines.push(`  ... and ${report.changes.length - limit} more (--verbose lists them all)`);
  return lines;
}
