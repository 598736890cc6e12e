import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { LocationType } from '../entities/location-type.entity';
import { ensureTypes } from '../location-types';
import type { LocationsSettings } from '../locations.config';
import { LOCATIONS_OPTIONS } from '../locations.module-definition';
import { diffLocations, type LocationChange } from './import-diff';
import { NODE_LEVELS, type DesiredLocation, type ExistingLocation } from './import-nodes';
import { planLocations } from './import-plan';
import { readImportRows, type RowError } from './import-rows';

export interface ImportOptions {
  /** Report what would change; write nothing. */
  readonly dryRun?: boolean;
  /** Import the good rows of a file that has bad ones (by default such a file imports nothing). */
  readonly skipBadRows?: boolean;
  /** Called as rows are written: (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  /** Data rows read (the header not counted). */
  readonly rows: number;
  readonly errors: readonly RowError[];
  readonly changes: readonly LocationChange[];
  /** Locations the file lists on its own rows that already matched (not those it only implies). */
  readonly unchanged: number;
  /** Location types the import creates (or would create). */
  readonly newTypes: readonly string[];
  /** True when the changes were written; false for a dry run, a refused file or nothing to do. */
  readonly applied: boolean;
}

const BATCH = 1000;

/**
 * Imports a locations CSV (format in import-rows.ts). The whole file is planned against the
 * database first, then written in one transaction: a file with bad rows imports nothing
 * unless told to skip them, and a failure half-way leaves the database as it was.
 */
@Injectable()
export class LocationImporter {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOCATIONS_OPTIONS) private readonly settings: LocationsSettings,
  ) {}

  async importFile(path: string, options: ImportOptions = {}): Promise<ImportReport> {
    return this.import(await readFile(path, 'utf8'), options);
  }

  /** Throws ImportFileError when the file cannot be read as a locations file at all. */
  async import(text: string, options: ImportOptions = {}): Promise<ImportReport> {
    const read = readImportRows(text);
    return this.dataSource.transaction(async (db) => {
      const existing = await loadExisting(db);
      const plan = planLocations(read.rows, existing, this.settings);
      const errors = [...read.errors, ...plan.errors].sort((a, b) => a.line - b.line);
      const { changes, unchanged } = diffLocations(plan.nodes, existing);
      const knownTypes = new Set(
        ((await db.query('SELECT slug FROM location_type')) as Array<{ slug: string }>).map((t) => t.slug),
      );
      const newTypes = [...new Set(changes.map((c) => c.node.typeSlug))].filter((slug) => !knownTypes.has(slug)).sort();
      const report = { rows: read.rows.length + read.errors.length, errors, changes, unchanged, newTypes };
      if (options.dryRun || (errors.length > 0 && !options.skipBadRows) || changes.length === 0)
        return { ...report, applied: false };
      await this.apply(db, changes, options.onProgress);
      return { ...report, applied: true };
    });
  }

  private async apply(
    db: EntityManager,
    changes: readonly LocationChange[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<void> {
    const labels = new Map<string, string | undefined>();
    for (const change of changes)
      if (!labels.get(change.node.typeSlug)) labels.set(change.node.typeSlug, change.node.typeLabel);
    const types = await ensureTypes(db, labels, this.settings);
    let done = 0;
    // Depth by depth, so that every parent exists before its children are written (a
    // facility may stand under a facility named in the same file).
    for (const creates of byDepth(changes.filter((c) => c.action === 'create').map((c) => c.node))) {
      for (let i = 0; i < creates.length; i += BATCH) {
        const batch = creates.slice(i, i + BATCH);
        await insertBatch(db, batch, types);
        done += batch.length;
        onProgress?.(done, changes.length);
      }
    }
    for (const change of changes) {
      if (change.action !== 'update') continue;
      const assignments: string[] = ['updated_at = now()'];
      const params: unknown[] = [change.id];
      const assign = (sql: string, value: unknown): void => {
        params.push(value);
        assignments.push(sql.replace('?', `$${params.length}`));
      };
      const { set } = change;
      if (set.name !== undefined) assign('name = ?', set.name);
      if (set.typeSlug !== undefined) assign('type_id = ?', typeId(types, set.typeSlug));
      if (set.parentCode !== undefined)
        assign('parent_id = (SELECT p.id FROM location p WHERE lower(p.code) = lower(?))', set.parentCode);
      if (set.latitude !== undefined) assign('latitude = ?', set.latitude);
      if (set.longitude !== undefined) assign('longitude = ?', set.longitude);
      if (set.active) assign('active = ?', true);
      await db.query(`UPDATE location SET ${assignments.join(', ')} WHERE id = $1`, params);
      done++;
      if (done % 100 === 0 || done === changes.length) onProgress?.(done, changes.length);
    }
  }
}

/** New locations by their depth among the new ones (a parent already stored counts as none), top first. */
function byDepth(nodes: readonly DesiredLocation[]): DesiredLocation[][] {
  const planned = new Map(nodes.map((n) => [n.code.toLowerCase(), n]));
  const depths = new Map<DesiredLocation, number>();
  const depth = (node: DesiredLocation): number => {
    const known = depths.get(node);
    if (known !== undefined) return known;
    const parent = node.parentCode ? planned.get(node.parentCode.toLowerCase()) : undefined;
    const d = parent ? depth(parent) + 1 : 0;
    depths.set(node, d);
    return d;
  };
  const levels: DesiredLocation[][] = [];
  // Stable: within a depth, the plan's order (provinces, districts, facilities, zones; by line).
  const ordered = [...nodes].sort((a, b) => NODE_LEVELS.indexOf(a.level) - NODE_LEVELS.indexOf(b.level));
  for (const node of ordered) (levels[depth(node)] ??= []).push(node);
  return levels.filter(Boolean);
}

/** One statement for a batch of new locations; their parents are found by code. */
async function insertBatch(
  db: EntityManager,
  batch: readonly DesiredLocation[],
  types: ReadonlyMap<string, LocationType>,
): Promise<void> {
  const inserted: Array<{ id: number }> = await db.query(
    `INSERT INTO location (name, code, type_id, parent_id, latitude, longitude)
     SELECT v.name, v.code, v.type_id, p.id, v.latitude, v.longitude
       FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::float8[], $6::float8[])
            WITH ORDINALITY AS v(name, code, type_id, parent_code, latitude, longitude, n)
       LEFT JOIN location p ON lower(p.code) = lower(v.parent_code)
      WHERE v.parent_code IS NULL OR p.id IS NOT NULL
      ORDER BY v.n
     RETURNING id`,
    [
      batch.map((n) => n.name),
      batch.map((n) => n.code),
      batch.map((n) => typeId(types, n.typeSlug)),
      batch.map((n) => n.parentCode),
      batch.map((n) => n.latitude),
      batch.map((n) => n.longitude),
    ],
  );
  // The plan guarantees every parent; a shortfall is a bug, and the transaction undoes it all.
  if (inserted.length !== batch.length)
    throw new Error(`${batch.length - inserted.length} location(s) of a batch lost their parent`);
}

function typeId(types: ReadonlyMap<string, LocationType>, slug: string): number {
  const type = types.get(slug);
  if (!type) throw new Error(`location type ${slug} was not created`);
  return type.id;
}

/** Every location, keyed by lower-case code: ~25,000 rows for a country with its zones. */
export async function loadExisting(db: EntityManager): Promise<Map<string, ExistingLocation>> {
  const rows: ExistingLocation[] = await db.query(
    `SELECT l.id, l.code, l.name, t.slug AS "typeSlug", t.kind, p.code AS "parentCode", l.latitude, l.longitude, l.active
       FROM location l JOIN location_type t ON t.id = l.type_id LEFT JOIN location p ON p.id = l.parent_id`,
  );
  return new Map(rows.map((row) => [row.code.toLowerCase(), row]));
}
