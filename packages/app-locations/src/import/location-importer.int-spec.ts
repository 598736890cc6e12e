import { join } from 'node:path';
import { createLocationsDatabase, type LocationsTestDatabase } from '../testing/locations-database';
import { formatImportReport } from './import-report';
import { ImportFileError } from './import-rows';

const COUNTRIES = join(__dirname, '../../../../countries');
const HEADER = 'Province,District,Facility_Name,Code,Facility Type,Latitude,Longitude';
const ZAMBIA = {
  codeFormat: 'PPDDFF',
  districtType: 'districts',
  provinceType: 'provinces',
  clinicTypes: [
    'urban_health_centre',
    '1st_level_hospital',
    '2nd_level_hospital',
    'rural_health_centre',
    'health_post',
    'clinic',
    'hahc',
  ],
};

async function count(db: LocationsTestDatabase, kind?: string): Promise<number> {
  const [{ n }]: Array<{ n: string }> = await db.dataSource.query(
    'SELECT count(*) AS n FROM location l JOIN location_type t ON t.id = l.type_id WHERE $1::text IS NULL OR t.kind = $1',
    [kind ?? null],
  );
  return Number(n);
}

describe('LocationImporter (PostgreSQL)', () => {
  let db: LocationsTestDatabase;

  beforeAll(async () => {
    db = await createLocationsDatabase(ZAMBIA);
  });
  beforeEach(() => db.reset());
  afterAll(() => db.close());

  it("imports Zambia's provinces and districts, then its sample facilities", async () => {
    const top = await db.importer.importFile(join(COUNTRIES, 'zambia/data/locations.csv'));
    expect(top).toMatchObject({
      rows: 126,
      errors: [],
      unchanged: 0,
      applied: true,
      newTypes: ['districts', 'provinces'],
    });
    expect([await count(db, 'province'), await count(db, 'district')]).toEqual([10, 116]);
    const samples = await db.importer.importFile(join(COUNTRIES, 'zambia/data/sample-facilities.csv'));
    expect(samples).toMatchObject({ rows: 12, errors: [], applied: true });
    expect(samples.changes.every((c) => c.action === 'create' && c.node.level === 'facility')).toBe(true);
    expect(samples.unchanged).toBe(0);
    expect(await count(db, 'clinic')).toBe(12);
    const mansa = await db.locations.findByCode('400701');
    expect(mansa).toMatchObject({
      name: 'Mansa General Hospital',
      latitude: -11.246,
      longitude: 28.8952,
      type: { slug: '2nd_level_hospital', singular: '2nd Level Hospital', kind: 'clinic' },
    });
    expect((await db.locations.ancestors(mansa!.id)).map((l) => l.name)).toEqual(['Luapula', 'Mansa']);
  });

  it('changes nothing on a second run', async () => {
    for (const file of ['locations.csv', 'sample-facilities.csv'])
      await db.importer.importFile(join(COUNTRIES, 'zambia/data', file));
    const before: unknown[] = await db.dataSource.query('SELECT * FROM location ORDER BY id');
    const again = await db.importer.importFile(join(COUNTRIES, 'zambia/data/sample-facilities.csv'));
    expect(again).toMatchObject({ changes: [], unchanged: 12, applied: false });
    expect(formatImportReport(again, { file: 'f.csv', dryRun: false, skipBadRows: false })).toContain(
      'Nothing to change: 12 location(s) already as in the file.',
    );
    expect(await db.dataSource.query('SELECT * FROM location ORDER BY id')).toEqual(before);
  });

  it('reports on a dry run what would change, and writes nothing', async () => {
    await db.importer.import([HEADER, 'Luapula,Mansa,Mansa Clinic,400701,Urban Health Centre,,'].join('\n'));
    const report = await db.importer.import(
      [
        HEADER,
        'Luapula,Mansa,Mansa General Hospital,400701,2nd Level Hospital,-11.246,28.8952',
        'Luapula,Mansa,Senama Clinic,400702,,,',
      ].join('\n'),
      { dryRun: true },
    );
    expect(report.applied).toBe(false);
    expect(report.newTypes).toEqual(['2nd_level_hospital', 'clinic']);
    expect(formatImportReport(report, { file: 'f.csv', dryRun: true, skipBadRows: false })).toEqual([
      'f.csv: 2 row(s)',
      'Would create: 1 facility; would update: 1 facility; unchanged: 0.',
      'New location types: 2nd_level_hospital, clinic.',
      '  ~ 400701 Mansa General Hospital (facility, 2nd_level_hospital): name: "Mansa Clinic" -> "Mansa General Hospital"; type: "urban_health_centre" -> "2nd_level_hospital"; latitude: null -> -11.246; longitude: null -> 28.8952',
      '  + 400702 Senama Clinic (facility, clinic)',
    ]);
    expect((await db.locations.findByCode('400701'))?.name).toBe('Mansa Clinic');
    expect(await count(db)).toBe(3);
  });

  it('imports nothing from a file with bad rows, unless told to skip them', async () => {
    const file = [
      HEADER,
      'Luapula,Mansa,Senama Clinic,400702,,,',
      'Luapula,Mansa,Broken,4007,,,',
      'Luapula,Samfya,Lost,400703,,,',
    ].join('\n');
    const refused = await db.importer.import(file);
    expect(refused.applied).toBe(false);
    expect(refused.errors).toEqual([
      { line: 3, reason: 'Code "4007" is not a facility code (PPDDFF)' },
      { line: 4, reason: 'District "Samfya" does not match code 400703: district 400700 is "Mansa"' },
    ]);
    expect(formatImportReport(refused, { file: 'f.csv', dryRun: false, skipBadRows: false })).toContain(
      'Nothing was imported: fix the rows above, or run again with --skip-bad-rows to import the other rows.',
    );
    expect(await count(db)).toBe(0);
    const skipped = await db.importer.import(file, { skipBadRows: true });
    expect(skipped).toMatchObject({ applied: true, errors: refused.errors });
    expect(await count(db)).toBe(3);
  });

  it('puts back a facility moved by hand under another district, its zones with it', async () => {
    // A facility's code names its district, so the file is right and the hand edit is not.
    await db.importer.import([HEADER, 'Luapula,Mansa,Senama Clinic,400702,,,', 'Luapula,Samfya,,401200,,,'].join('\n'));
    const { zone } = await db.zones.zoneFor((await db.locations.findByCode('400702'))!, 'Zone 1');
    const samfya = (await db.locations.findByCode('401200'))!;
    await db.dataSource.query(`UPDATE location SET parent_id = $1 WHERE code = '400702'`, [samfya.id]);
    const report = await db.importer.import([HEADER, 'Luapula,Mansa,Senama Clinic,400702,,,'].join('\n'));
    expect(report.changes.map((c) => (c.action === 'update' ? c.fields : []))).toEqual([
      ['parent: "401200" -> "400700"'],
    ]);
    expect((await db.locations.ancestors(zone.id)).map((l) => l.code)).toEqual(['400000', '400700', '400702']);
  });

  it('imports zones listed in a file under their facility', async () => {
    const report = await db.importer.import(
      [HEADER, 'Luapula,Mansa,Zone 2,400702-2,zone,,', 'Luapula,Mansa,Senama Clinic,400702,,,'].join('\n'),
    );
    expect(report.errors).toEqual([]);
    const zone = (await db.locations.findByCode('400702-2'))!;
    expect((await db.locations.clinicOf(zone.id))?.name).toBe('Senama Clinic');
    expect((await db.zones.zoneFor((await db.locations.findByCode('400702'))!, 'zone 2')).created).toBe(false);
  });

  it('places locations under an explicit Parent, whatever their codes spell; a second run changes nothing', async () => {
    await db.importer.import(
      [HEADER, 'Luapula,Mansa,Senama Clinic,400702,,,', 'Luapula,Mansa,Mansa General Hospital,400701,,,'].join('\n'),
    );
    const { zone } = await db.zones.zoneFor((await db.locations.findByCode('400702'))!, 'Zone 1');
    // Mansa is split: Chembe (a new code, 4050) takes Senama, which keeps its 4007.. code; a
    // health post under the hospital, listed before the hospital's own row; a code with no district digits.
    const file = [
      `${HEADER},Parent`,
      ',,Chembe Post,400799,Health Post,,,400703',
      'Luapula,Chembe,,405000,,,,400000',
      'Luapula,Chembe,Senama Clinic,400702,,,,405000',
      ',,Chembe Hospital,400703,,,,405000',
      ',,Lake Clinic,400012,,,,405000',
    ].join('\n');
    const dry = await db.importer.import(file, { dryRun: true });
    expect(dry.errors).toEqual([]);
    expect(await count(db)).toBe(5); // province, district, two facilities, the zone
    const report = await db.importer.import(file);
    expect(report).toMatchObject({ errors: [], applied: true });
    expect(report.changes.map((c) => [c.action, c.node.code]).sort((a, b) => a[1].localeCompare(b[1]))).toEqual([
      ['create', '400012'],
      ['update', '400702'],
      ['create', '400703'],
      ['create', '400799'],
      ['create', '405000'],
    ]);
    const code = async (c: string) => (await db.locations.findByCode(c))!;
    const codes = async (id: number) => (await db.locations.ancestors(id)).map((l) => l.code);
    expect(await codes((await code('400702')).id)).toEqual(['400000', '405000']);
    expect(await codes(zone.id)).toEqual(['400000', '405000', '400702']);
    expect(await codes((await code('400799')).id)).toEqual(['400000', '405000', '400703']);
    expect(await codes((await code('400012')).id)).toEqual(['400000', '405000']);
    expect((await db.locations.subtreeIds((await code('405000')).id)).length).toBe(6);
    const before: unknown[] = await db.dataSource.query('SELECT * FROM location ORDER BY id');
    expect(await db.importer.import(file)).toMatchObject({ changes: [], unchanged: 5, applied: false });
    expect(await db.dataSource.query('SELECT * FROM location ORDER BY id')).toEqual(before);
    // A bad Parent is a bad row, and the file then imports nothing.
    const bad = await db.importer.import(
      [`${HEADER},Parent`, ',,Far Clinic,400704,,,,499900', ',,Fine Clinic,400705,,,,405000'].join('\n'),
    );
    expect(bad).toMatchObject({
      applied: false,
      errors: [{ line: 2, reason: 'Parent 499900 is neither in the file nor in the database' }],
    });
    expect(await db.locations.findByCode('400705')).toBeNull();
  });

  it('refuses a file it cannot read, saying why', async () => {
    await expect(db.importer.import('Name,Code\nx,1')).rejects.toThrow(
      new ImportFileError(
        'The header (line 1) lacks Province, District, Facility_Name. Expected: Province,District,Facility_Name,Code,Facility Type,Latitude,Longitude,Parent',
      ),
    );
    await expect(db.importer.import(`${HEADER}\n"Luapula,Mansa`)).rejects.toThrow(ImportFileError);
  });
});

describe("LocationImporter with Malawi's codes (PostgreSQL)", () => {
  it('imports the 3 regions and 28 districts, then sample facilities, idempotently', async () => {
    const db = await createLocationsDatabase({
      codeFormat: 'DDFF',
      padShortCodes: false,
      clinicTypes: ['health_centre', 'district_hospital', 'central_hospital'],
    });
    try {
      expect((await db.importer.importFile(join(COUNTRIES, 'malawi/data/locations.csv'))).errors).toEqual([]);
      expect((await db.importer.importFile(join(COUNTRIES, 'malawi/data/sample-facilities.csv'))).errors).toEqual([]);
      expect([await count(db, 'province'), await count(db, 'district'), await count(db, 'clinic')]).toEqual([
        3, 28, 11,
      ]);
      const qech = (await db.locations.findByCode('2001'))!;
      expect((await db.locations.ancestors(qech.id)).map((l) => `${l.code} ${l.name}`)).toEqual([
        'southern Southern Region',
        '2000 Blantyre',
      ]);
      expect((await db.locations.findByCode('2o0i'))?.name).toBe('Queen Elizabeth Central Hospital');
      expect((await db.locations.findByLabCode('20010'))?.name).toBe('Queen Elizabeth Central Hospital');
      expect(await db.locations.findByCode('20')).toBeNull(); // Malawi does not pad
      const again = await db.importer.importFile(join(COUNTRIES, 'malawi/data/locations.csv'));
      expect(again).toMatchObject({ changes: [], unchanged: 31 });
    } finally {
      await db.close();
    }
  });
});
