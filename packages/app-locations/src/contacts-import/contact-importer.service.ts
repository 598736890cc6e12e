import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { ContactsAdmin, ContactsError, type ContactInput, type SaveOutcome } from '@mwana/core';
import { DataSource } from 'typeorm';
import { CsvError, parseCsv, type CsvRecord } from '../import/csv';
import { ImportFileError, type RowError } from '../import/import-rows';
import { LocationsService } from '../locations.service';

/**
 * A contacts file: a header row naming its columns (any order, any case), then one contact
 * a row. `name` and `phones` are required; `roles`, `location` and `language` may be left out.
 *
 *   name,phones,roles,location,language
 *   Mary Phiri,0977123456;0966123456,clinic-worker,403012,bem
 *
 * - phones: one or several, separated by `;` or spaces (a number written with spaces,
 *   `0977 123 456`, is one number when it reads as one);
 * - roles: role slugs (`mwana contacts roles`), separated by `;`, `,` or spaces;
 * - location: a location code as people write it (the country's code rules);
 * - language: a code or name of the country's languages.
 *
 * An empty roles, location or language cell leaves an existing contact's value as it is.
 */
export interface ContactImportRow {
  readonly line: number;
  readonly input: ContactInput;
}

export interface ContactImportOptions {
  /** Check and report; write nothing. */
  readonly dryRun?: boolean;
  /** Import the good rows of a file that has bad ones (by default such a file imports nothing). */
  readonly skipBadRows?: boolean;
  /** Called as rows are checked, then as they are written: (phase, done, total). */
  readonly onProgress?: (phase: 'check' | 'write', done: number, total: number) => void;
}

/** One row's outcome: a new contact, or the existing one (found by phone) updated or as it was. */
export interface ContactImportChange {
  readonly line: number;
  readonly name: string;
  readonly action: SaveOutcome['action'];
  readonly contactId: number | null;
  readonly changes: readonly string[];
}

export interface ContactImportReport {
  readonly rows: number;
  readonly errors: readonly RowError[];
  readonly outcomes: readonly ContactImportChange[];
  /** True when the file's changes were written. */
  readonly applied: boolean;
}

const COLUMNS = ['name', 'phones', 'roles', 'location', 'language'] as const;
type Column = (typeof COLUMNS)[number];
const HEADERS: Record<string, Column> = { phone: 'phones', role: 'roles', 'location code': 'location' };

/**
 * `mwana contacts import`: every row through `ContactsAdmin` (the contacts contract), in one
 * transaction, 500 rows at a time (`saveMany`: one statement per kind of read for them all,
 * the locations of the whole file in one). Every row is first checked as the write would do it (phones, roles,
 * language, location, the phones' owners), so a file with a bad row imports nothing unless
 * told to skip it; then the good rows are written. A row whose phone an active contact has
 * updates that contact (re-importing a file changes nothing the second time); a row whose
 * phones belong to two contacts, or that repeats a phone of an earlier row, is a bad row.
 */
@Injectable()
export class ContactImporter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly admin: ContactsAdmin,
    private readonly locations: LocationsService,
  ) {}

  async importFile(path: string, options: ContactImportOptions = {}): Promise<ContactImportReport> {
    return this.import(await readFile(path, 'utf8'), options);
  }

  /** Throws ImportFileError when the file cannot be read as a contacts file at all. */
  import(text: string, options: ContactImportOptions = {}): Promise<ContactImportReport> {
    const records = readRecords(text);
    return this.dataSource.transaction(async (db) => {
      const errors: RowError[] = [];
      const good: Array<{ row: ContactImportRow; outcome: SaveOutcome }> = [];
      const phoneRows = new Map<string, number>();
      const contactRows = new Map<number, number>();
      // Every location the file names, in one query; every phone's lock, in one order (ContactsAdmin.lockPhones).
      const codes = await this.locations.findByCodes(records.map((r) => r.location).filter(Boolean), db);
      const refuse = (line: number, error: unknown): void => {
        if (!(error instanceof RowProblem || error instanceof ContactsError)) throw error;
        errors.push({ line, reason: error.message });
      };
      await this.admin.lockPhones(
        records.flatMap((r) => this.phonesOf(r.phones)),
        db,
      );
      for (const [start, chunk] of chunks(records)) {
        const rows: ContactImportRow[] = [];
        for (const record of chunk) {
          try {
            const row = this.row(record, codes);
            for (const phone of this.admin.phones(row.input.phones)) {
              const earlier = phoneRows.get(phone);
              if (earlier !== undefined) throw new RowProblem(`${phone} is on row ${earlier} too.`);
              phoneRows.set(phone, row.line);
            }
            rows.push(row);
          } catch (error) {
            refuse(record.line, error);
          }
        }
        // The rows' checks and reads as the write would do them, a chunk at a time.
        const planned = await this.admin.saveMany(
          rows.map((r) => r.input),
          { mode: 'upsert', dryRun: true },
          db,
        );
        rows.forEach((row, i) => {
          try {
            const outcome = planned[i];
            if (outcome instanceof ContactsError) throw outcome;
            const id = outcome.contact?.id;
            if (id !== undefined && contactRows.has(id)) {
              throw new RowProblem(
                `its phones are ${outcome.contact?.name}'s (#${id}), as on row ${contactRows.get(id)}.`,
              );
            }
            if (id !== undefined) contactRows.set(id, row.line);
            good.push({ row, outcome });
          } catch (error) {
            refuse(row.line, error);
          }
        });
        chunk.forEach((_, i) => options.onProgress?.('check', start + i + 1, records.length));
      }
      errors.sort((x, y) => x.line - y.line);
      const planned = good.map(({ row, outcome }) => change(row, outcome));
      const report = { rows: records.length, errors };
      const changing = good.filter((g) => g.outcome.action !== 'unchanged');
      if (options.dryRun || (errors.length > 0 && !options.skipBadRows) || changing.length === 0) {
        return { ...report, outcomes: planned, applied: false };
      }
      const outcomes: ContactImportChange[] = [];
      for (const [start, chunk] of chunks(good)) {
        const writing = chunk.filter((g) => g.outcome.action !== 'unchanged');
        const written = await this.admin.saveMany(
          writing.map((g) => g.row.input),
          { mode: 'upsert' },
          db,
        );
        const byRow = new Map(writing.map((g, i) => [g, written[i]]));
        for (const g of chunk) {
          const outcome = byRow.get(g) ?? g.outcome;
          // Checked in this transaction a moment ago, under the phones' locks: a refusal now is a bug.
          if (outcome instanceof ContactsError) throw outcome;
          outcomes.push(change(g.row, outcome));
        }
        chunk.forEach((_, i) => options.onProgress?.('write', start + i + 1, good.length));
      }
      return { ...report, outcomes, applied: true };
    });
  }

  /** A phones cell's phones in E.164, or none when it has a bad one (its row is refused later, with the reason). */
  private phonesOf(cell: string): string[] {
    try {
      return this.admin.phones(splitPhones(cell, (p) => this.admin.phones([p])));
    } catch {
      return [];
    }
  }

  private row(
    record: Record<Column, string> & { line: number; extra: number },
    codes: ReadonlyMap<string, { id: number }>,
  ): ContactImportRow {
    if (record.extra) throw new RowProblem(`${record.extra} cell(s) more than the header has columns.`);
    if (record.name === '') throw new RowProblem('no name.');
    if (record.phones === '') throw new RowProblem('no phone.');
    let locationId: number | undefined;
    if (record.location !== '') {
      const found = codes.get(record.location);
      if (!found) throw new RowProblem(`no active location has the code ${record.location}.`);
      locationId = found.id;
    }
    return {
      line: record.line,
      input: {
        name: record.name,
        phones: splitPhones(record.phones, (p) => this.admin.phones([p])),
        roles:
          record.roles === ''
            ? undefined
            : record.roles
                .toLowerCase()
                .split(/[;,\s]+/)
                .filter(Boolean),
        locationId,
        language: record.language === '' ? undefined : record.language,
      },
    };
  }
}

/** Rows this many at a time: one batch of reads (and of writes) each, progress after each. */
const CHUNK = 500;

function* chunks<T>(items: readonly T[]): Generator<[number, T[]]> {
  for (let start = 0; start < items.length; start += CHUNK) yield [start, items.slice(start, start + CHUNK)];
}

class RowProblem extends Error {}

function change(row: ContactImportRow, outcome: SaveOutcome): ContactImportChange {
  return {
    line: row.line,
    name: outcome.contact?.name ?? row.input.name.trim(),
    action: outcome.action,
    contactId: outcome.contact?.id ?? null,
    changes: outcome.changes,
  };
}

/**
 * `0977000001;0966000002`, `0977000001 0966000002` or `0977 000 001`: split on `;`, and a
 * piece that is not one phone number as written is split on its spaces.
 */
export function splitPhones(cell: string, check: (phone: string) => unknown): string[] {
  return cell
    .split(';')
    .map((piece) => piece.trim())
    .filter(Boolean)
    .flatMap((piece) => {
      try {
        check(piece);
        return [piece];
      } catch {
        return piece.split(/\s+/);
      }
    });
}

/** The data rows by column; an ImportFileError for a file whose header is not a contacts header. */
function readRecords(text: string): Array<Record<Column, string> & { line: number; extra: number }> {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(error.message);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new ImportFileError('the file is empty.');
  const columns = header.cells.map((cell) => {
    const name = cell.trim().toLowerCase().replace(/_/g, ' ');
    return (COLUMNS as readonly string[]).includes(name) ? (name as Column) : (HEADERS[name] ?? null);
  });
  const unknown = header.cells.filter((_, i) => columns[i] === null);
  if (unknown.length > 0) {
    throw new ImportFileError(
      `line ${header.line}: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}; the columns are ${COLUMNS.join(', ')}.`,
    );
  }
  const missing = (['name', 'phones'] as const).filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new ImportFileError(`line ${header.line}: the header has no ${missing.join(' or ')} column.`);
  }
  return rows.map((record) => {
    const extra = record.cells.slice(columns.length).filter((c) => c.trim() !== '').length;
    const row = { line: record.line, extra, name: '', phones: '', roles: '', location: '', language: '' };
    columns.forEach((column, i) => {
      if (column) row[column] = (record.cells[i] ?? '').trim();
    });
    return row;
  });
}
