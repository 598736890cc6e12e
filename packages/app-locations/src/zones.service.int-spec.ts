import { LocationsError, LocationsErrorCode } from './locations.error';
import { Location } from './entities/location.entity';
import { createLocationsDatabase, type LocationsTestDatabase } from './testing/locations-database';

const FILE = [
  'Province,District,Facility_Name,Code,Facility Type,Latitude,Longitude',
  'Lusaka,Lusaka,Kalingalinga Clinic,500501,clinic,,',
  'Lusaka,Lusaka,Chilenje Clinic,500502,clinic,,',
].join('\n');

describe('ZonesService (PostgreSQL)', () => {
  let db: LocationsTestDatabase;
  let clinic: Location;
  let other: Location;

  beforeAll(async () => {
    db = await createLocationsDatabase({ clinicTypes: ['clinic'] });
  });
  beforeEach(async () => {
    await db.reset();
    await db.importer.import(FILE);
    clinic = (await db.locations.findByCode('500501'))!;
    other = (await db.locations.findByCode('500502'))!;
  });
  afterAll(() => db.close());

  it('creates a zone on first use, and finds it after, whatever the case and spacing', async () => {
    const first = await db.zones.zoneFor(clinic, '  Zone   3 ');
    expect(first.created).toBe(true);
    expect(first.zone).toMatchObject({
      name: 'Zone 3',
      code: '500501-zone-3',
      parentId: clinic.id,
      type: { slug: 'zone', kind: 'zone', singular: 'Zone' },
    });
    expect(first.zone.path).toEqual([...clinic.path, first.zone.id]);
    const again = await db.zones.zoneFor(clinic, 'zone 3');
    expect(again).toEqual({ zone: expect.objectContaining({ id: first.zone.id }), created: false });
  });

  it('takes a clinic read without its type', async () => {
    const bare = (await db.dataSource.getRepository(Location).findOneBy({ id: clinic.id }))!;
    expect((await db.zones.zoneFor(bare, 'East')).zone.code).toBe('500501-east');
  });

  it('keeps zones of different clinics apart', async () => {
    const a = await db.zones.zoneFor(clinic, '1');
    const b = await db.zones.zoneFor(other, '1');
    expect([a.zone.code, b.zone.code]).toEqual(['500501-1', '500502-1']);
  });

  it('makes the code unique when two names of one clinic make the same slug', async () => {
    const codes: string[] = [];
    for (const name of ['Zone 3', 'zone-3', 'Zone_3', 'ZONE.3'])
      codes.push((await db.zones.zoneFor(clinic, name)).zone.code);
    expect(codes).toEqual(['500501-zone-3', '500501-zone-3_2', '500501-zone-3_3', '500501-zone-3_4']);
  });

  it('creates one zone when two messages ask for it at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        db.dataSource.transaction((tx) => db.zones.zoneFor(clinic, 'Kalingalinga East', tx)),
      ),
    );
    expect(new Set(results.map((r) => r.zone.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('refuses a zone under a location that is not a clinic, or a name with no letters or digits', async () => {
    const district = (await db.locations.findByCode('500500'))!;
    await expect(db.zones.zoneFor(district, '1')).rejects.toMatchObject({ code: LocationsErrorCode.NotAClinic });
    await expect(db.zones.zoneFor(clinic, '--')).rejects.toThrow(LocationsError);
  });

  it('puts a zone below its clinic, for the clinic-of-contact walk', async () => {
    const { zone } = await db.zones.zoneFor(clinic, 'North');
    const agent = await db.contact({ name: 'Agent', locationId: zone.id, roles: ['cba'] });
    expect((await db.locations.clinicOf(agent.locationId!))?.id).toBe(clinic.id);
  });
});
