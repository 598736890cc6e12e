/**
 * node packages/app-locations/dist/bench/locations.bench.js [facilities] [zonesPerFacility] [lookups]
 *
 * Generates a national locations file (10 provinces, 120 districts, 2,000 facilities and
 * 20,000 zones by default) in Zambia's PPDDFF scheme, imports it into a fresh PostgreSQL
 * database (TEST_DATABASE_URL), imports it again (nothing to change), then answers 10,000
 * clinic-of-contact lookups, one at a time and 8 at a time, plus a few other tree queries.
 * Prints figures; asserts nothing (times are noisy).
 */
import { performance } from 'node:perf_hooks';
import { ProgressBar } from '../import/progress-bar';
import { createLocationsDatabase, type LocationsTestDatabase } from '../testing/locations-database';

const PROVINCES = 10;
const DISTRICTS_PER_PROVINCE = 12;

function nationalFile(facilities: number, zonesPerFacility: number): string {
  const lines = ['Province,District,Facility_Name,Code,Facility Type,Latitude,Longitude'];
  const districts = PROVINCES * DISTRICTS_PER_PROVINCE;
  for (let p = 1; p <= PROVINCES; p++) lines.push(`Province ${p},,,${pad(p)}0000,,,`);
  for (let f = 0; f < facilities; f++) {
    const d = f % districts;
    const [p, dd, ff] = [
      Math.floor(d / DISTRICTS_PER_PROVINCE) + 1,
      (d % DISTRICTS_PER_PROVINCE) + 1,
      Math.floor(f / districts) + 1,
    ];
    if (ff > 99) throw new Error('too many facilities for two facility digits per district');
    const code = `${pad(p)}${pad(dd)}${pad(ff)}`;
    const [province, district] = [`Province ${p}`, `District ${p}-${dd}`];
    const type = ['Rural Health Centre', 'Urban Health Centre', 'Health Post'][f % 3];
    lines.push(
      `${province},${district},"Facility ${f + 1}, ${district}",${code},${type},${(-8 - (f % 900) / 100).toFixed(4)},${(22 + (f % 1000) / 100).toFixed(4)}`,
    );
    for (let z = 1; z <= zonesPerFacility; z++) lines.push(`${province},${district},Zone ${z},${code}-${z},zone,,`);
  }
  return `${lines.join('\n')}\n`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** Runs `work` over `items` with `concurrency` in flight; returns each call's milliseconds and the wall time. */
async function measure<I>(
  items: readonly I[],
  concurrency: number,
  work: (item: I) => Promise<unknown>,
): Promise<{ each: number[]; wall: number }> {
  const each: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const t = performance.now();
        await work(item);
        each.push(performance.now() - t);
      }
    }),
  );
  return { each, wall: performance.now() - start };
}

function figures(label: string, { each, wall }: { each: number[]; wall: number }): string {
  const sorted = [...each].sort((a, b) => a - b);
  const at = (q: number): string => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
  return `${label.padEnd(40)} ${String(each.length).padStart(6)} in ${(wall / 1000).toFixed(2)} s  ${Math.round(each.length / (wall / 1000))}/s  p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms`;
}

async function contacts(db: LocationsTestDatabase, count: number): Promise<number[]> {
  // Contacts at random zones and clinics (about ten zones to a clinic, as agents outnumber staff).
  const rows: Array<{ location_id: number }> = await db.dataSource.query(
    `WITH pool AS (SELECT array_agg(l.id) AS ids FROM location l JOIN location_type t ON t.id = l.type_id WHERE t.kind IN ('zone', 'clinic'))
     INSERT INTO contact (name, location_id, roles)
     SELECT 'Contact ' || n, pool.ids[1 + floor(random() * cardinality(pool.ids))::int], '{cba}'
       FROM generate_series(1, $1) AS n, pool
     RETURNING location_id`,
    [count],
  );
  return rows.map((r) => r.location_id);
}

async function main(): Promise<void> {
  const [facilities, zonesPerFacility, lookups] = [
    Number(process.argv[2] ?? 2000),
    Number(process.argv[3] ?? 10),
    Number(process.argv[4] ?? 10_000),
  ];
  const [text, generateMs] = await time(async () => nationalFile(facilities, zonesPerFacility));
  const db = await createLocationsDatabase(
    { codeFormat: 'PPDDFF', clinicTypes: ['rural_health_centre', 'urban_health_centre', 'health_post'] },
    { prefix: 'mwana_bench', poolSize: 10 },
  );
  try {
    const out: string[] = [];
    const rows = text.split('\n').length - 2;
    out.push(`generated ${rows} rows (${(text.length / 1024 / 1024).toFixed(1)} MB) in ${generateMs.toFixed(0)} ms`);
    const [dry, dryMs] = await time(() => db.importer.import(text, { dryRun: true }));
    out.push(`dry run: ${dry.changes.length} changes planned in ${(dryMs / 1000).toFixed(2)} s`);
    const bar = new ProgressBar('Importing');
    const [first, firstMs] = await time(() =>
      db.importer.import(text, { onProgress: (done, total) => bar.update(done, total) }),
    );
    bar.finish();
    out.push(
      `import: ${first.changes.length} locations created in ${(firstMs / 1000).toFixed(2)} s (${first.errors.length} bad rows)`,
    );
    const [second, secondMs] = await time(() => db.importer.import(text));
    out.push(
      `second import: ${second.changes.length} changes, ${second.unchanged} unchanged, in ${(secondMs / 1000).toFixed(2)} s`,
    );

    const ids = await contacts(db, lookups);
    await measure(ids.slice(0, 500), 4, (id) => db.locations.clinicOf(id)); // warm-up
    const results: string[] = [];
    results.push(
      figures(
        "clinic of a contact's location, one at a time",
        await measure(ids, 1, (id) => db.locations.clinicOf(id)),
      ),
    );
    results.push(
      figures("clinic of a contact's location, 8 in flight", await measure(ids, 8, (id) => db.locations.clinicOf(id))),
    );
    const sample = (await db.dataSource.query(
      `SELECT id FROM location WHERE code LIKE '%-1' ORDER BY id LIMIT 1000`,
    )) as Array<{ id: number }>;
    const zoneIds = sample.map((r) => r.id);
    results.push(figures('ancestors of a zone', await measure(zoneIds, 1, (id) => db.locations.ancestors(id))));
    const clinics = (await Promise.all(zoneIds.map((id) => db.locations.clinicOf(id)))).map((c) => c!.id);
    results.push(
      figures(
        'contacts at a clinic and its zones',
        await measure(clinics, 1, async (id) => {
          const at = (await db.locations.atOrChildren(id, { includeInactive: true })).map((l) => l.id);
          return db.contacts.find({ locationIds: at }, db.dataSource.manager);
        }),
      ),
    );
    const provinces = (
      (await db.dataSource.query(`SELECT id FROM location WHERE code LIKE '__0000'`)) as Array<{ id: number }>
    ).map((r) => r.id);
    results.push(
      figures(
        'descendants of a province (~2,200 rows)',
        await measure(provinces, 1, (id) => db.locations.descendants(id)),
      ),
    );
    results.push(
      figures(
        'CODE search (name fragment)',
        await measure(['Facility 1', 'District 3', '0101', 'zzz'], 1, (q) => db.locations.search(q)),
      ),
    );
    const [{ version }]: Array<{ version: string }> = await db.dataSource.query(
      "SELECT current_setting('server_version') AS version",
    );
    process.stdout.write(
      `locations benchmark: ${facilities} facilities x ${zonesPerFacility} zones, ${lookups} contacts; node ${process.version}, PostgreSQL ${version}\n\n` +
        `${out.join('\n')}\n\n${results.join('\n')}\n\npeak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
