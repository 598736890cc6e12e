import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CliIo, OperatorCommand, type OperatorCommandRunner } from '@mwana/core';
import { badRowLines } from '../import/import-report';
import { ImportFileError } from '../import/import-rows';
import { ProgressBar } from '../import/progress-bar';
import { ContactImporter, type ContactImportReport } from './contact-importer.service';

const USAGE = 'Usage: mwana contacts import <file.csv> [--dry-run] [--skip-bad-rows] [--verbose]';

/** Progress lines when the output is no terminal (a log): every this many rows. */
const EVERY = 500;

/**
 * `mwana contacts import`: contacts from a CSV file (name, phones, roles, location,
 * language). Here rather than in core's `contacts` command because a row names its
 * location by code, which this app reads.
 */
@OperatorCommand({
  name: 'contacts import',
  usage: [
    'contacts import <file.csv> [--dry-run] [--skip-bad-rows] [--verbose]',
    '                                   create or update contacts (name,phones,roles,location,language)',
  ],
})
export class ContactsImportCommand implements OperatorCommandRunner {
  constructor(private readonly importer: ContactImporter) {}

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'skip-bad-rows': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
      },
    });
    const [target] = positionals;
    if (!target || positionals.length > 1) {
      io.err(USAGE);
      return 2;
    }
    const file = resolve(target);
    const options = { dryRun: values['dry-run'], skipBadRows: values['skip-bad-rows'] };
    const bar = new ProgressBar('Importing contacts');
    try {
      const report = await this.importer.importFile(file, {
        ...options,
        onProgress: (phase, done, total) => {
          if (bar.enabled) bar.update(done, total);
          else if (done % EVERY === 0 || done === total) {
            io.out(`${phase === 'check' ? 'Checked' : 'Wrote'} ${done}/${total} row(s)`);
          }
        },
      });
      bar.finish();
      for (const line of formatContactImport(report, { file, ...options, limit: values.verbose ? Infinity : 20 })) {
        io.out(line);
      }
      return report.errors.length > 0 && !options.skipBadRows ? 1 : 0;
    } catch (error) {
      bar.finish();
      if (error instanceof ImportFileError) {
        io.err(`${file}: ${error.message}`);
        return 1;
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        io.err(`${file}: no such file.`);
        return 1;
      }
      throw error;
    }
  }
}

/** The operator's report: the bad rows (row = the file's line), then what changed or would. */
export function formatContactImport(
  report: ContactImportReport,
  options: { file: string; dryRun: boolean; skipBadRows: boolean; limit?: number },
): string[] {
  const { lines, refused } = badRowLines(report, options, 'row');
  const count = (action: string) => report.outcomes.filter((o) => o.action === action).length;
  const [created, updated, unchanged] = [count('created'), count('updated'), count('unchanged')];
  const would = !report.applied && (options.dryRun || refused);
  lines.push(
    `${would ? 'Would create' : 'Created'} ${created}, ${would ? 'would update' : 'updated'} ${updated}, unchanged ${unchanged}.`,
  );
  const changed = report.outcomes.filter((o) => o.action !== 'unchanged');
  const limit = options.limit ?? 20;
  for (const o of changed.slice(0, limit)) {
    lines.push(
      o.action === 'created'
        ? `  + row ${o.line}: ${o.name}${o.contactId ? ` (#${o.contactId})` : ''}`
        : `  ~ row ${o.line}: ${o.name} (#${o.contactId}): ${o.changes.join(', ')}`,
    );
  }
  if (changed.length > limit) lines.push(`  ... and ${changed.length - limit} more (--verbose lists them all)`);
  return lines;
}
