import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MwanaConfig, type CliIo } from '@mwana/core';
import { ConversationHarness } from '@mwana/core/testing';
import { LocationImporter } from './import/location-importer.service';
import { LocationsCommand } from './import/locations.command';
import { locationsConfig } from './locations.config';
import { LocationsModule } from './locations.module';
import { LocationsService } from './locations.service';
import { locationsMigrations } from './migrations';
import { ZonesService } from './zones.service';

const ZAMBIA = join(__dirname, '../../../countries/zambia');
const SETTINGS = {
  codeFormat: 'PPDDFF',
  districtType: 'districts',
  provinceType: 'provinces',
  clinicTypes: [
    'urban_health_centre',
    '1st_level_hospital',
    '2nd_level_hospital',
    'rural_health_centre',
    'health_post',
  ],
};

function captureIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (text) => lines.push(text), err: (text) => errors.push(text) };
}

// The whole module in a country-like app: router, handlers, the operator command.
describe('LocationsModule in the router (PostgreSQL)', () => {
  let harness: ConversationHarness;

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      imports: [LocationsModule.forRoot(locationsConfig.schema.parse(SETTINGS))],
      sections: [locationsConfig],
      config: { locations: SETTINGS },
      migrations: locationsMigrations,
    });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    const importer = harness.get(LocationImporter);
    for (const file of ['locations.csv', 'sample-facilities.csv'])
      await importer.importFile(join(ZAMBIA, 'data', file));
  });

  describe('CODE', () => {
    it('lists up to five facilities matching the first word, for help admins', async () => {
      const admin = await harness.build.contact({ name: 'Admin', helpAdmin: true });
      const kalingalinga = await harness.get(LocationsService).findByCode('500501');
      await harness.get(ZonesService).zoneFor(kalingalinga!, 'Clinic Zone');
      await harness.run(`
        ${admin.phone} > CODE kalinga
        ${admin.phone} < 500501-Kalingalinga Clinic.
        ${admin.phone} > facility code clinic road
        ${admin.phone} <~ ^500503-Chawama Clinic\\.\\n\\*\\*500502-Chilenje Clinic\\.\\n\\*\\*500501-Kalingalinga Clinic\\.\\n\\*\\*100402-Kasanda Clinic\\.\\n\\*\\*100401-Makululu Clinic\\.$
        ${admin.phone} > code 4007
        ${admin.phone} <~ ^400703-Chisembe Rural Health Centre\\.\\n\\*\\*400704-Mabumba Health Post\\.\\n\\*\\*400700-Mansa\\.\\n\\*\\*400701-Mansa General Hospital\\.\\n\\*\\*400702-Senama Clinic\\.$
        ${admin.phone} > code nowhere
        ${admin.phone} < There are no locations matching nowhere
        ${admin.phone} > code
        ${admin.phone} < To find a facility code, send CODE <PART OF THE FACILITY NAME>
      `);
    });

    it('refuses anyone who is not a help admin', async () => {
      const worker = await harness.build.contact({ name: 'Worker' });
      await harness.run(`
        ${worker.phone} > code mansa
        ${worker.phone} < Sorry, you must be registered as HELP ADMIN to look up facility codes. If you think this message is a mistake, respond with keyword 'HELP'
        +260977999999 > code mansa
        +260977999999 < Sorry, you must be registered as HELP ADMIN to look up facility codes. If you think this message is a mistake, respond with keyword 'HELP'
      `);
    });
  });

  describe('mwana locations', () => {
    it('imports a file with a dry run first, then for real, then finds nothing to change', async () => {
      await harness.reset();
      const command = harness.get(LocationsCommand);
      const file = join(ZAMBIA, 'data/locations.csv');
      const dry = captureIo();
      expect(await command.run(['import', file, '--dry-run'], dry)).toBe(0);
      expect(dry.lines[1]).toBe('Would create: 10 provinces, 116 districts; would update: none; unchanged: 0.');
      const real = captureIo();
      expect(await command.run(['import', file], real)).toBe(0);
      expect(real.lines[1]).toBe('Created: 10 provinces, 116 districts; updated: none; unchanged: 0.');
      const again = captureIo();
      expect(await command.run(['import', file], again)).toBe(0);
      expect(again.lines).toEqual([
        `${file}: 126 row(s)`,
        'Nothing to change: 126 location(s) already as in the file.',
      ]);
    });

    it('seeds the country data from its data folder, and shows a location', async () => {
      await harness.reset();
      const c = harness.config;
      const config = new MwanaConfig(c.country, c.env, c.role, ZAMBIA, c.values, c.provenance, c.schema);
      const command = new LocationsCommand(harness.get(LocationImporter), harness.get(LocationsService), config);
      const io = captureIo();
      expect(await command.run(['seed', '--with-samples'], io)).toBe(0);
      expect(io.lines.filter((l) => l.startsWith('Created'))).toEqual([
        'Created: 10 provinces, 116 districts; updated: none; unchanged: 0.',
        'Created: 12 facilities; updated: none; unchanged: 0.',
      ]);
      const show = captureIo();
      expect(await command.run(['show', '4007'], show)).toBe(0);
      expect(show.lines[0]).toBe('400000       Luapula (Province)');
      expect(show.lines.at(-1)).toBe('4 child location(s)');
    });

    it('exits 1 for a file with bad rows or no file, 2 with usage for a wrong command', async () => {
      const command = harness.get(LocationsCommand);
      const dir = await mkdtemp(join(tmpdir(), 'mwana-locations-'));
      const bad = join(dir, 'bad.csv');
      await writeFile(bad, 'Province,District,Facility_Name,Code\nLuapula,Mansa,Broken,4007\n');
      const io = captureIo();
      expect(await command.run(['import', bad], io)).toBe(1);
      expect(io.lines).toEqual([
        `${bad}: 1 row(s)`,
        '1 bad row(s):',
        '  line 2: Code "4007" is not a facility code (PPDDFF)',
        'Nothing was imported: fix the rows above, or run again with --skip-bad-rows to import the other rows.',
      ]);
      await rm(dir, { recursive: true });
      expect(await command.run(['import', join(dir, 'no-such.csv')], io)).toBe(1);
      expect(io.errors[0]).toMatch(/no-such\.csv: no such file\./);
      expect(await command.run(['frobnicate'], io)).toBe(2);
      expect(io.errors[1]).toMatch(/^Usage: mwana locations import/);
    });
  });
});
