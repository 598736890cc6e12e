/**
 * node packages/app-locations/dist/bench/contacts-import.bench.js [rows] [facilities]
 * (pnpm bench:contacts)
 *
 * On a fresh PostgreSQL database (TEST_DATABASE_URL) with Zambia's code rules: `facilities`
 * clinics (200 by default) imported as locations, then a contacts file of `rows` rows (2,000
 * by default; every other row two phones, a role, a clinic code and a language) imported
 * twice (new contacts, then again with nothing to change) by the import as it was (the
 * row-by-row baseline, `contacts-import.baseline.ts`, without the connection(identity)
 * index) and by `ContactImporter`. Prints rows/s, SQL statements per row and the ratios;
 * asserts nothing. The contact tables are emptied with TRUNCATE between runs (no dead rows
 * left for the autovacuum this PostgreSQL does not run).
 */
import { performance } from 'node:perf_hooks';
import { ContactLocations, ContactRoles, ContactsService } from '@mwana/core';
import { ConversationHarness } from '@mwana/core/testing';
import { ContactImporter } from '../contacts-import/contact-importer.service';
import { LocationImporter } from '../import/location-importer.service';
import { locationsConfig } from '../locations.config';
import { LocationsModule } from '../locations.module';
import { LocationsService } from '../locations.service';
import { locationsMigrations } from '../migrations';
import { baselineImport } from './contacts-import.baseline';

const SETTINGS = {
  codeFormat: 'PPDDFF',
  districtType: 'districts',
  provinceType: 'provinces',
  clinicTypes: ['rural_health_centre'],
};

@ContactRoles({ app: 'bench', roles: { cba: 'community agent', 'clinic-worker': 'clinic staff' } })
class BenchRoles {}

const pad = (n: number): string => String(n).padStart(2, '0');

/** One province, ten districts, the clinics spread over them: codes PPDDFF. */
function facilitiesFile(count: number): { text: string; codes: string[] } {
  const lines = ['Province,District,Facility_Name,Code,Facility Type,Latitude,Longitude', 'Province 1,,,010000,,,'];
  const codes: string[] = [];
  for (let f = 0; f < count; f++) {
    const code = `01${pad((f % 10) + 1)}${pad(Math.floor(f / 10) + 1)}`;
    codes.push(code);
    lines.push(`Province 1,District ${(f % 10) + 1},Clinic ${f + 1},${code},Rural Health Centre,,`);
  }
  return { text: `${lines.join('\n')}\n`, codes };
}

function contactRows(count: number, codes: readonly string[]) {
  return Array.from({ length: count }, (_, i) => ({
    name: `Worker ${i + 1}`,
    phones:
      i % 2 === 0
        ? [`0977${String(i).padStart(6, '0')}`]
        : [`0977${String(i).padStart(6, '0')}`, `0966${String(i).padStart(6, '0')}`],
    roles: [i % 5 === 0 ? 'clinic-worker' : 'cba'],
    code: codes[i % codes.length],
    language: i % 3 === 0 ? 'bem' : 'en',
  }));
}

async function main(): Promise<void> {
  const [count, facilities] = [Number(process.argv[2] ?? 2000), Number(process.argv[3] ?? 200)];
  const harness = await ConversationHarness.create({
    imports: [LocationsModule.forRoot(locationsConfig.schema.parse(SETTINGS))],
    providers: [BenchRoles],
    sections: [locationsConfig],
    config: { locations: SETTINGS, backends: { pollMs: 0 } },
    migrations: locationsMigrations,
  });
  try {
    // Every statement any query runner sends (transactions' BEGIN and COMMIT too).
    let statements = 0;
    const runner = Object.getPrototypeOf(harness.dataSource.createQueryRunner()) as {
      query: (...a: unknown[]) => unknown;
    };
    const query = runner.query;
    runner.query = function (this: unknown, ...args: unknown[]) {
      statements++;
      return query.apply(this, args);
    };

    const places = facilitiesFile(facilities);
    await harness.get(LocationImporter).import(places.text);
    const rows = contactRows(count, places.codes);
    const csv = [
      'name,phones,roles,location,language',
      ...rows.map((r) => `${r.name},${r.phones.join(';')},${r.roles[0]},${r.code},${r.language}`),
    ].join('\n');

    const measure = async (label: string, work: () => Promise<unknown>) => {
      const before = statements;
      const start = performance.now();
      await work();
      const seconds = (performance.now() - start) / 1000;
      const perRow = (statements - before) / count;
      console.log(
        `${label.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(count / seconds)
          .toString()
          .padStart(6)} rows/s  ${perRow.toFixed(2).padStart(6)} statements/row`,
      );
      return { seconds, perRow };
    };
    const emptyContacts = () => harness.dataSource.query('TRUNCATE connection, contact RESTART IDENTITY CASCADE');
    const services = {
      contacts: harness.get(ContactsService),
      locations: harness.get(LocationsService),
      contactLocations: harness.get(ContactLocations),
    };
    const baselineRows = rows.map((r) => ({
      input: { name: r.name, phones: r.phones, roles: r.roles, language: r.language },
      code: r.code,
    }));

    console.log(
      `Contacts import: ${count} rows (${rows.reduce((n, r) => n + r.phones.length, 0)} phones), ${facilities} clinics`,
    );
    await harness.dataSource.query('DROP INDEX connection_identity_idx');
    await emptyContacts();
    const before = await measure('before: row by row, no identity index (new)', () =>
      baselineImport(harness.dataSource, services, baselineRows, 'tester'),
    );
    const beforeAgain = await measure('before: again (nothing to change)', () =>
      baselineImport(harness.dataSource, services, baselineRows, 'tester'),
    );
    await harness.dataSource.query('CREATE INDEX connection_identity_idx ON connection (identity)');
    await emptyContacts();
    const importer = harness.get(ContactImporter);
    const after = await measure('after: ContactImporter, batched (new)', () => importer.import(csv));
    const afterAgain = await measure('after: again (nothing to change)', () => importer.import(csv));
    const made: Array<{ n: number }> = await harness.dataSource.query('SELECT count(*)::int AS n FROM contact');
    console.log(`contacts made: ${made[0].n}`);
    const ratio = (a: { seconds: number; perRow: number }, b: { seconds: number; perRow: number }) =>
      `${(a.seconds / b.seconds).toFixed(1)}x faster, ${(a.perRow / b.perRow).toFixed(1)}x fewer statements`;
    console.log(`new contacts: ${ratio(before, after)}`);
    console.log(`re-import:    ${ratio(beforeAgain, afterAgain)}`);
  } finally {
    await harness.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
