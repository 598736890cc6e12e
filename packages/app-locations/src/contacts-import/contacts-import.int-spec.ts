import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo, ContactRoles, ContactsService } from '@mwana/core';
import { ConversationHarness } from '@mwana/core/testing';
import { LocationImporter } from '../import/location-importer.service';
import { locationsConfig } from '../locations.config';
import { LocationsModule } from '../locations.module';
import { LocationsService } from '../locations.service';
import { locationsMigrations } from '../migrations';
import { ContactImporter } from './contact-importer.service';
import { ContactsImportCommand } from './contacts-import.command';

const TOKEN = 'onboarding-script-token-0123456789';
const ZAMBIA = join(__dirname, '../../../../countries/zambia');
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

@ContactRoles({ app: 'test', roles: { cba: 'community agent', 'clinic-worker': 'clinic staff' } })
class TestRoles {}

function captureIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (text) => lines.push(text), err: (text) => errors.push(text) };
}

describe('mwana contacts import (PostgreSQL)', () => {
  let harness: ConversationHarness;
  let dir: string;
  let clinic: number;
  let other: number;

  const file = async (name: string, text: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };
  const run = async (...args: string[]) => {
    const io = captureIo();
    const code = await harness.get(ContactsImportCommand).run(args, io);
    return { code, lines: io.lines, errors: io.errors };
  };
  /** Every contact and its phones, to show what a run changed (or did not). */
  const snapshot = async (): Promise<Array<Record<string, unknown>>> =>
    harness.dataSource.query(
      `SELECT c.id, c.name, c.roles, c.location_id, c.language, c.active,
              array_remove(array_agg(n.identity ORDER BY n.id), NULL) AS phones
         FROM contact c LEFT JOIN connection n ON n.contact_id = c.id GROUP BY c.id ORDER BY c.id`,
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mwana-contacts-'));
    harness = await ConversationHarness.create({
      http: true,
      imports: [LocationsModule.forRoot(locationsConfig.schema.parse(SETTINGS))],
      providers: [TestRoles],
      sections: [locationsConfig],
      config: { locations: SETTINGS, backends: { pollMs: 0 }, console: { apiTokens: { onboarding: TOKEN } } },
      migrations: locationsMigrations,
    });
  });
  afterAll(async () => {
    await harness.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await harness.reset();
    const importer = harness.get(LocationImporter);
    for (const name of ['locations.csv', 'sample-facilities.csv'])
      await importer.importFile(join(ZAMBIA, 'data', name));
    const locations = harness.get(LocationsService);
    clinic = (await locations.findByCode('500501'))!.id;
    other = (await locations.findByCode('400701'))!.id;
  });

  const GOOD = [
    'Name,Phones,Roles,Location,Language',
    'Mary Phiri,0977000001;0966000001,clinic-worker,500501,bem',
    '"Banda, John",0977000002 0966000002,cba;clinic-worker,400701,English',
    'Ann Tembo,0977 000 003,,,',
  ].join('\n');

  it('creates the contacts of a file: phones, roles, location by code, language', async () => {
    const result = await run(await file('staff.csv', GOOD));
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([
      'Checked 3/3 row(s)',
      'Wrote 3/3 row(s)',
      `${join(dir, 'staff.csv')}: 3 row(s)`,
      'Created 3, updated 0, unchanged 0.',
      '  + row 2: Mary Phiri (#1)',
      '  + row 3: Banda, John (#2)',
      '  + row 4: Ann Tembo (#3)',
    ]);
    expect(await snapshot()).toEqual([
      {
        id: 1,
        name: 'Mary Phiri',
        roles: ['clinic-worker'],
        location_id: clinic,
        language: 'bem',
        active: true,
        phones: ['+260977000001', '+260966000001'],
      },
      {
        id: 2,
        name: 'Banda, John',
        roles: ['cba', 'clinic-worker'],
        location_id: other,
        language: 'en',
        active: true,
        phones: ['+260977000002', '+260966000002'],
      },
      {
        id: 3,
        name: 'Ann Tembo',
        roles: [],
        location_id: null,
        language: null,
        active: true,
        phones: ['+260977000003'],
      },
    ]);
    // The router knows each by phone.
    expect((await harness.get(ContactsService).findByPhone('0966000002'))?.contact?.name).toBe('Banda, John');
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const before = await snapshot();
    const result = await run(await file('staff.csv', GOOD), '--dry-run');
    expect(result.code).toBe(0);
    expect(result.lines.slice(-4)).toEqual([
      'Would create 3, would update 0, unchanged 0.',
      '  + row 2: Mary Phiri',
      '  + row 3: Banda, John',
      '  + row 4: Ann Tembo',
    ]);
    expect(await snapshot()).toEqual(before);
    await run(await file('staff.csv', GOOD));
    const imported = await snapshot();
    const changed = GOOD.replace('clinic-worker,500501,bem', 'cba,400701,bem');
    const dry = await run(await file('changed.csv', changed), '--dry-run');
    expect(dry.lines.slice(-2)).toEqual([
      'Would create 0, would update 1, unchanged 2.',
      '  ~ row 2: Mary Phiri (#1): roles, location',
    ]);
    expect(await snapshot()).toEqual(imported);
  });

  it('reports each bad row with its row number and reason, and a file with bad rows changes nothing', async () => {
    const bad = [
      'name,phones,roles,location,language',
      'Mary Phiri,0977000001,clinic-worker,500501,bem',
      ',0977000010,cba,,',
      'No Phone,,cba,,',
      'Bad Phone,12345;hello,cba,,',
      'Bad Role,0977000011,nurse,,',
      'Bad Place,0977000012,cba,999999,',
      'Bad Language,0977000013,cba,,klingon',
      'Twice,0966000099 0977000001,cba,,',
      'Ann Tembo,0977000003,cba,500501,en',
    ].join('\n');
    const path = await file('bad.csv', bad);
    const result = await run(path);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual(
      expect.arrayContaining([
        '7 bad row(s):',
        '  row 3: no name.',
        '  row 4: no phone.',
        '  row 5: Not phone numbers: "12345", "hello".',
        expect.stringMatching(/^ {2}row 6: No installed app declares the role nurse \(known: .*cba.*\)\.$/),
        '  row 7: no active location has the code 999999.',
        '  row 8: "klingon" is not a language of this country (en, bem).',
        '  row 9: +260977000001 is on row 2 too.',
        'Nothing was imported: fix the rows above, or run again with --skip-bad-rows to import the other rows.',
        'Would create 2, would update 0, unchanged 0.',
      ]),
    );
    expect(await snapshot()).toEqual([]);
    // Told to skip them, the good rows go in and the bad ones still change nothing.
    const skipped = await run(path, '--skip-bad-rows');
    expect(skipped.code).toBe(0);
    expect((await snapshot()).map((c) => [c.name, c.phones])).toEqual([
      ['Mary Phiri', ['+260977000001']],
      ['Ann Tembo', ['+260977000003']],
    ]);
  });

  it('re-importing updates the contacts it made (found by phone) instead of duplicating them', async () => {
    // One of them joined by SMS (or the API) before the file came.
    const contacts = harness.get(ContactsService);
    const earlier = await contacts.register({
      name: 'Ann T',
      roles: ['cba'],
      connection: { backend: 'tester', phone: '0977000003' },
    });
    const path = await file('staff.csv', GOOD);
    expect((await run(path)).lines).toContain('Created 2, updated 1, unchanged 0.');
    const first = await snapshot();
    expect(first.find((c) => c.id === earlier.id)).toMatchObject({ name: 'Ann Tembo', roles: ['cba'] });
    const again = await run(path);
    expect(again.lines.slice(-1)).toEqual(['Created 0, updated 0, unchanged 3.']);
    expect(await snapshot()).toEqual(first);
    // A later list: Mary moved and gained a phone; John has a new role order; a new person.
    const later = [
      'name,phones,roles,location,language',
      'Mary Phiri,0966000001;0955000001,cba,400701,bem',
      '"Banda, John",0977000002,clinic-worker;cba,400701,en',
      'Peter Zulu,0977000004,cba,500501,bem',
    ].join('\n');
    const updated = await run(await file('later.csv', later));
    expect(updated.lines.slice(-3)).toEqual([
      'Created 1, updated 1, unchanged 1.',
      '  ~ row 2: Mary Phiri (#2): roles, location, phones',
      '  + row 4: Peter Zulu (#4)',
    ]);
    const rows = await snapshot();
    expect(rows).toHaveLength(4);
    expect(rows.find((c) => c.name === 'Mary Phiri')).toMatchObject({
      roles: ['cba'],
      location_id: other,
      phones: ['+260977000001', '+260966000001', '+260955000001'],
    });
  });

  it('prints progress as it goes, and imports a few hundred rows in one transaction', async () => {
    const rows = Array.from(
      { length: 600 },
      (_, i) => `Agent ${i},0977${String(100000 + i).padStart(6, '0')},cba,500501,bem`,
    );
    const result = await run(await file('many.csv', ['name,phones,roles,location,language', ...rows].join('\n')));
    expect(result.code).toBe(0);
    expect(result.lines.filter((l) => /^(Checked|Wrote) /.test(l))).toEqual([
      'Checked 500/600 row(s)',
      'Checked 600/600 row(s)',
      'Wrote 500/600 row(s)',
      'Wrote 600/600 row(s)',
    ]);
    expect(await harness.get(ContactsService).recipients({ roles: ['cba'], locationIds: [clinic] })).toHaveLength(600);
    const progress: Array<[string, number, number]> = [];
    await harness.get(ContactImporter).import(['name,phones', 'X,0977999999'].join('\n'), {
      onProgress: (phase, done, total) => progress.push([phase, done, total]),
    });
    expect(progress).toEqual([
      ['check', 1, 1],
      ['write', 1, 1],
    ]);
  });

  it('refuses a file that is not a contacts file, naming the problem', async () => {
    const cases: Array<[string, string]> = [
      ['name,phone numbers\nMary,0977000001', 'unknown column "phone numbers"'],
      ['name,roles\nMary,cba', 'no phones column'],
      ['', 'the file is empty'],
      ['name,phones\n"Mary,0977000001', 'not closed'],
    ];
    for (const [text, mentions] of cases) {
      const result = await run(await file('odd.csv', text));
      expect([result.code, result.errors.join(' ').includes(mentions)]).toEqual([1, true]);
    }
    expect((await run(join(dir, 'missing.csv'))).errors).toEqual([`${join(dir, 'missing.csv')}: no such file.`]);
    expect((await run()).code).toBe(2);
    expect(await snapshot()).toEqual([]);
  });

  it("imports while POST /api/contacts writes contacts with two of the file's phones at once: each answered, none twice", async () => {
    const phone = (i: number) => `0977${String(100000 + i)}`;
    const rows = Array.from({ length: 1500 }, (_, i) => `Agent ${i},${phone(i)},cba,500501,`);
    const importing = harness
      .get(ContactImporter)
      .import(['name,phones,roles,location,language', ...rows].join('\n'), { skipBadRows: true });
    // Each takes a phone of the file's first chunk and one of its last, the other way round from the import.
    const posts = Array.from({ length: 20 }, (_, k) =>
      fetch(`${harness.url}/api/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Desk ${k}`, phones: [phone(1499 - k), phone(k)], roles: ['cba'] }),
      }).then((r) => r.status),
    );
    const [report, statuses] = await Promise.all([importing, Promise.all(posts)]);
    expect(report.applied).toBe(true);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    // Every phone of the file is one active contact's, and nobody has a phone twice.
    const owners: Array<{ identity: string; n: number }> = await harness.dataSource.query(
      `SELECT n.identity, count(DISTINCT c.id)::int AS n FROM connection n JOIN contact c ON c.id = n.contact_id
        WHERE c.active GROUP BY n.identity`,
    );
    expect(owners).toHaveLength(1500);
    expect(owners.every((o) => o.n === 1)).toBe(true);
    // A desk contact that was made has both its phones; the rows of those phones were refused, with the reason.
    const desks = statuses.filter((s) => s === 201).length;
    expect(report.errors.length).toBeGreaterThanOrEqual(desks);
  });

  it('POST /api/contacts refuses a location id that is no location', async () => {
    const post = (locationId: number) =>
      fetch(`${harness.url}/api/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Mary', phones: ['0977000001'], roles: ['cba'], locationId }),
      });
    const refused = await post(clinic + 100_000);
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([400, 'bad-location']);
    expect(await snapshot()).toEqual([]);
    expect((await post(clinic)).status).toBe(201);
  });
});
