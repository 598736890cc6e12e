import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { defineCountry } from '../app/define-country';
import { defineApp } from '../app/mwana-app';
import { defineConfigSection } from '../config/config-section';
import { testDatabaseAdminUrl } from '../config/environment';
import { startCountryForTest } from './country-app';

@Injectable()
class BrokenStart implements OnModuleInit {
  onModuleInit(): never {
    throw new Error('the broken app refuses to start');
  }
}

@Module({ providers: [BrokenStart] })
class BrokenModule {}

const brokenApp = defineApp({
  name: 'broken',
  config: defineConfigSection('broken', {}),
  module: () => ({ module: BrokenModule }),
});

/**
 * This process's own name for the country, so its test databases (`mwana_<name>_...`) are told
 * apart from those of another test run on the same server (a second .ci/run beside this one).
 */
const FAILLAND = `failland${process.pid}`;

function failland() {
  const dir = mkdtempSync(join(tmpdir(), 'mwana-failland-'));
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@mwana/failland', version: '0.0.1' }));
  writeFileSync(
    join(dir, 'config', 'country.yaml'),
    'country: { name: Failland, code: ZM, timezone: Africa/Lusaka }\ndatabase: { embedded: { dataDir: memory } }\n',
  );
  return defineCountry({ name: FAILLAND, dir, apps: [brokenApp] });
}

async function faillandDatabases(): Promise<string[]> {
  const client = new Client({ connectionString: testDatabaseAdminUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `mwana\\_${FAILLAND}\\_%`,
    ]);
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

describe.each(['postgresql', 'embedded'] as const)('a country app that fails to start, on %s', (engine) => {
  it('fails with its cause, not a timeout, and leaves no database behind', async () => {
    const before = await faillandDatabases();
    await expect(startCountryForTest(failland(), { engine })).rejects.toThrow('the broken app refuses to start');
    expect(await faillandDatabases()).toEqual(before);
  });
});
