import { join } from 'node:path';
import type { Location } from './entities/location.entity';
import { createLocationsDatabase, type LocationsTestDatabase } from './testing/locations-database';

const ZAMBIA_DATA = join(__dirname, '../../../countries/zambia/data');
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

describe('LocationsService on Zambia’s tree (PostgreSQL)', () => {
  let db: LocationsTestDatabase;
  let clinic: Location;
  let zone: Location;

  beforeAll(async () => {
    db = await createLocationsDatabase(ZAMBIA);
    await db.importer.importFile(join(ZAMBIA_DATA, 'locations.csv'));
    await db.importer.importFile(join(ZAMBIA_DATA, 'sample-facilities.csv'));
    clinic = (await db.locations.findByCode('500501'))!;
    zone = (await db.zones.zoneFor(clinic, 'Zone 1')).zone;
  });

  afterAll(() => db.close());

  const codes = (locations: Location[]): string[] => locations.map((l) => l.code);

  it('finds a location by code as people type it', async () => {
    expect((await db.locations.findByCode('500501'))?.name).toBe('Kalingalinga Clinic');
    expect((await db.locations.findByCode(' 5oo5oi '))?.name).toBe('Kalingalinga Clinic');
    expect((await db.locations.findByCode('5005'))?.name).toBe('Lusaka'); // padded to 500500
    expect((await db.locations.findByCode('50'))?.name).toBe('Lusaka');
    expect(await db.locations.findByCode('50', { kinds: ['clinic'] })).toBeNull();
    expect((await db.locations.findByCode('500501-ZONE-1'))?.name).toBe('Zone 1');
    expect(await db.locations.findByCode('999999')).toBeNull();
  });

  it('finds a location by code with the ids of it and its children, as atOrChildren gives them', async () => {
    const found = await db.locations.findByCodeWithChildren(' 5oo5oi ', { kinds: ['clinic'] });
    expect(found?.location.name).toBe('Kalingalinga Clinic');
    const atOrChildren = await db.locations.atOrChildren(clinic.id, { includeInactive: true });
    expect([...found!.atOrChildrenIds].sort()).toEqual(atOrChildren.map((l) => l.id).sort());
    expect(found!.atOrChildrenIds).toEqual(expect.arrayContaining([clinic.id, zone.id]));
    expect(await db.locations.findByCodeWithChildren('50', { kinds: ['clinic'] })).toBeNull();
  });

  it('finds the clinic of a zone with the ids of the clinic and its active children, as clinicOf and atOrChildren do', async () => {
    const found = await db.locations.clinicOfWithChildren(zone.id);
    expect(found?.clinic.id).toBe((await db.locations.clinicOf(zone.id))?.id);
    expect(found?.clinic.code).toBe('500501');
    const atOrChildren = (await db.locations.atOrChildren(clinic.id)).map((l) => l.id);
    expect([...found!.atOrChildrenIds].sort()).toEqual(atOrChildren.sort());
    expect(found!.atOrChildrenIds).toEqual(expect.arrayContaining([clinic.id, zone.id]));
    expect(await db.locations.clinicOfWithChildren(999_999)).toBeNull();
  });

  it('finds a facility by the code a lab sent', async () => {
    expect((await db.locations.findByLabCode('5005010'))?.name).toBe('Kalingalinga Clinic');
    const many = await db.locations.findByLabCodes(['5005010', '500501', '9999990']);
    expect([...many].map(([code, location]) => [code, location.name])).toEqual([
      ['5005010', 'Kalingalinga Clinic'],
      ['500501', 'Kalingalinga Clinic'],
    ]);
  });

  it('lists ancestors top first, without a query per level', async () => {
    expect(codes(await db.locations.ancestors(zone.id))).toEqual(['500000', '500500', '500501']);
    expect(await db.locations.ancestors((await db.locations.findByCode('500000'))!.id)).toEqual([]);
  });

  it('lists descendants in tree order, filtered by kind on request', async () => {
    const lusaka = (await db.locations.findByCode('500000'))!;
    const all = await db.locations.descendants(lusaka.id);
    expect(all).toHaveLength(6 + 5 + 1); // districts, sample facilities, one zone
    expect(codes(all).indexOf('500501-zone-1')).toBe(codes(all).indexOf('500501') + 1);
    expect(codes(await db.locations.descendants(lusaka.id, { kinds: ['clinic'] })).sort()).toEqual([
      '500201',
      '500501',
      '500502',
      '500503',
      '500504',
    ]);
  });

  it('finds the clinic of a location, walking up past zones', async () => {
    expect((await db.locations.clinicOf(zone.id))?.code).toBe('500501');
    expect((await db.locations.clinicOf(clinic.id))?.code).toBe('500501');
    const district = (await db.locations.findByCode('500500'))!;
    expect((await db.locations.clinicOf(district.id))?.code).toBe('500500');
  });

  it("finds the clinic of a contact's location", async () => {
    const cba = await db.contact({ name: 'Agent', locationId: zone.id, roles: ['cba'] });
    const worker = await db.contact({ name: 'Worker', locationId: clinic.id, roles: ['clinic-worker'] });
    expect((await db.locations.clinicOf(cba.locationId!))?.code).toBe('500501');
    expect((await db.locations.clinicOf(worker.locationId!))?.code).toBe('500501');
  });

  it('gives the ids of a location and everything below it', async () => {
    const district = (await db.locations.findByCode('500500'))!;
    const below = await db.locations.descendants(district.id, { includeInactive: true });
    expect(await db.locations.subtreeIds(district.id)).toEqual(
      [district.id, ...below.map((l) => l.id)].sort((a, b) => a - b),
    );
    expect(await db.locations.subtreeIds(zone.id)).toEqual([zone.id]);
  });

  it('lists a location and its direct children', async () => {
    expect(codes(await db.locations.atOrChildren(clinic.id))).toEqual(['500501', '500501-zone-1']);
    expect(codes(await db.locations.children(clinic.id))).toEqual(['500501-zone-1']);
  });

  it("lists contacts at a location by role, with its children on request, through core's contact queries", async () => {
    const chilenje = (await db.locations.findByCode('500502'))!;
    const zoneA = (await db.zones.zoneFor(chilenje, 'A')).zone;
    await db.contact({ name: 'Nurse', locationId: chilenje.id, roles: ['clinic-worker'] });
    await db.contact({ name: 'Printer', locationId: chilenje.id, roles: ['printer'] });
    await db.contact({ name: 'Agent A', locationId: zoneA.id, roles: ['cba'] });
    await db.contact({ name: 'Gone', locationId: chilenje.id, roles: ['clinic-worker'], active: false });
    const names = (contacts: Array<{ name: string }>) => contacts.map((c) => c.name);
    const find = (query: Parameters<typeof db.contacts.find>[0]) => db.contacts.find(query, db.dataSource.manager);
    const withZones = (await db.locations.atOrChildren(chilenje.id)).map((l) => l.id);
    expect(names(await find({ locationIds: [chilenje.id] }))).toEqual(['Nurse', 'Printer']);
    expect(names(await find({ locationIds: [chilenje.id], roles: ['clinic-worker'] }))).toEqual(['Nurse']);
    expect(names(await find({ locationIds: [chilenje.id], roles: ['clinic-worker'], includeInactive: true }))).toEqual([
      'Gone',
      'Nurse',
    ]);
    expect(names(await find({ locationIds: withZones }))).toEqual(['Agent A', 'Nurse', 'Printer']);
    expect(names(await find({ locationIds: withZones, roles: ['cba'] }))).toEqual(['Agent A']);
  });

  it('searches names and codes, leaving zones out', async () => {
    expect(codes(await db.locations.search('clinic'))).toEqual(['500503', '500502', '500501', '100402', '100401']);
    expect(codes(await db.locations.search('50050', { limit: 2 }))).toEqual(['500503', '500502']);
    expect(await db.locations.search('zone')).toEqual([]);
    expect(await db.locations.search('100%')).toEqual([]);
  });

  it('keeps paths right when a location moves, and refuses a cycle', async () => {
    const chongwe = (await db.locations.findByCode('500200'))!;
    await db.dataSource.query('UPDATE location SET parent_id = $1 WHERE id = $2', [chongwe.id, clinic.id]);
    expect(codes(await db.locations.ancestors(zone.id))).toEqual(['500000', '500200', '500501']);
    await expect(
      db.dataSource.query('UPDATE location SET parent_id = $1 WHERE id = $2', [zone.id, clinic.id]),
    ).rejects.toThrow(/own descendant/);
    const lusaka = (await db.locations.findByCode('500500'))!;
    await db.dataSource.query('UPDATE location SET parent_id = $1 WHERE id = $2', [lusaka.id, clinic.id]);
    expect(codes(await db.locations.ancestors(zone.id))).toEqual(['500000', '500500', '500501']);
  });

  it('keeps codes unique whatever their case', async () => {
    const type = clinic.typeId;
    await expect(
      db.dataSource.query(`INSERT INTO location (name, code, type_id) VALUES ('Dup', '500501-ZONE-1', $1)`, [type]),
    ).rejects.toThrow(/location_code_key/);
  });
});
