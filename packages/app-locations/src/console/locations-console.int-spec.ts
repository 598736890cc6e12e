import { join } from 'node:path';
import { ConsoleClient, ConversationHarness } from '@mwana/core/testing';
import type { Location } from '../entities/location.entity';
import { LocationImporter } from '../import/location-importer.service';
import { locationsConfig } from '../locations.config';
import { LocationsModule } from '../locations.module';
import { LocationsService } from '../locations.service';
import { locationsMigrations } from '../migrations';
import { ZonesService } from '../zones.service';

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

/** The address of the link whose text is `text` (as a person would click it). */
function link(page: string, text: string): string {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`<a href="([^"]+)">(?:<strong>)?${escaped}(?:</strong>)?</a>`).exec(page);
  if (!match) throw new Error(`no link "${text}" in:\n${page}`);
  return match[1].replace(/&amp;/g, '&');
}

/** The names of the locations a table lists, in order. */
const rows = (page: string) =>
  [...page.matchAll(/<a href="\/console\/locations\/view\?id=\d+"><strong>([^<]*)<\/strong><\/a>/g)].map((m) => m[1]);

/** The text of one table row: cells joined by `|`, tags dropped. */
function rowOf(page: string, name: string): string {
  const row = [...page.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((m) => m[1])
    .find((r) => r.includes(`<strong>${name}</strong>`));
  if (!row) throw new Error(`no row for ${name}`);
  return row
    .split(/<\/td>/)
    .map((cell) =>
      cell
        .replace(/<br>/g, ' ')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((cell) => cell !== '')
    .join('|');
}

describe('console: locations pages (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness;
  let browser: ConsoleClient;
  const byCode = async (code: string): Promise<Location> => (await harness.get(LocationsService).findByCode(code))!;

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      http: true,
      imports: [LocationsModule.forRoot(locationsConfig.schema.parse(SETTINGS))],
      sections: [locationsConfig],
      config: { locations: SETTINGS, router: { defaultReply: null } },
      migrations: locationsMigrations,
    });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    const importer = harness.get(LocationImporter);
    for (const file of ['locations.csv', 'sample-facilities.csv'])
      await importer.importFile(join(ZAMBIA, 'data', file));
    browser = await ConsoleClient.loggedIn(harness);
  });

  it('asks for a login first (a redirect to the login form, nothing of the page)', async () => {
    const anonymous = await fetch(`${harness.url}/console/locations?q=mansa`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/console/login?next=%2Fconsole%2Flocations%3Fq%3Dmansa');
    const clinic = await byCode('500501');
    const page = await fetch(`${harness.url}/console/locations/view?id=${clinic.id}`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(await page.text()).not.toContain('Kalingalinga');
  });

  it('browses from a province down to a clinic, with counts and a breadcrumb', async () => {
    const lusaka = await byCode('500000');
    await harness.build.contact({ name: 'Mary Phiri', locationId: (await byCode('500501')).id });
    await harness.build.contact({ name: 'Gone', locationId: (await byCode('500502')).id, active: false });

    const top = await browser.page('/console/locations');
    expect(top).toMatch(/<a href="\/console\/locations" class="here" aria-current="page">Locations<\/a>/); // in the nav
    expect(top).toContain('<h2>Provinces (10)</h2>');
    expect(rows(top)).toEqual([
      'Central',
      'Copperbelt',
      'Eastern',
      'Luapula',
      'Lusaka',
      'Muchinga',
      'North-Western',
      'Northern',
      'Southern',
      'Western',
    ]);
    // Lusaka: 6 districts below it, 5 sample facilities, 1 active contact.
    expect(rowOf(top, 'Lusaka')).toBe('Lusaka|Province|500000|6|5|1');
    expect(rowOf(top, 'Western')).toBe('Western|Province|900000|16|0|0');

    const province = await browser.page(link(top, 'Lusaka'));
    expect(province).toContain('<h1>Lusaka</h1>');
    expect(province).toMatch(
      /<p class="crumbs" aria-label="Breadcrumb"><a href="\/console\/locations">Locations<\/a> › <span aria-current="page">Lusaka<\/span><\/p>/,
    );
    expect(province).toContain('<h2>Districts (6)</h2>');
    expect(rows(province)).toEqual(['Chilanga', 'Chongwe', 'Kafue', 'Luangwa', 'Lusaka', 'Rufunsa']);
    expect(rowOf(province, 'Chongwe')).toBe('Chongwe|District|500200|1|1|0');
    expect(province).toMatch(/<a href="\/console\/locations" class="here" aria-current="page">/); // still lit in the nav

    const district = await browser.page(link(province, 'Lusaka'));
    expect(district).toContain(
      `<a href="/console/locations/view?id=${lusaka.id}">Lusaka</a> › <span aria-current="page">Lusaka</span>`,
    );
    expect(rows(district)).toEqual(['Chawama Clinic', 'Chilenje Clinic', 'Kalingalinga Clinic', 'Matero Main Clinic']);
    expect(rowOf(district, 'Kalingalinga Clinic')).toBe('Kalingalinga Clinic|Urban Health Centre|500501|0|0|1');

    const clinic = await browser.page(link(district, 'Kalingalinga Clinic'));
    expect(clinic).toContain('<h1>Kalingalinga Clinic</h1>');
    expect(clinic).toMatch(
      /Locations<\/a> › <a [^>]+>Lusaka<\/a> › <a [^>]+>Lusaka<\/a> › <span aria-current="page">Kalingalinga Clinic<\/span>/,
    );
    expect(clinic).toContain(
      '<tr><th scope="row">Type</th><td>Urban Health Centre <span class="muted">clinic</span></td></tr>',
    );
    expect(clinic).toContain('<tr><th scope="row">Code</th><td>500501</td></tr>');
    expect(clinic).toMatch(
      /<th scope="row">Coordinates<\/th><td>-15.4066, 28.3301 <a href="https:\/\/www.openstreetmap.org\/\?mlat=-15.4066&amp;mlon=28.3301"/,
    );
    expect(clinic).toContain('<tr><th scope="row">Sends live results</th><td>yes</td></tr>');
    expect(clinic).toContain('<tr><th scope="row">Own SMS printer</th><td>no</td></tr>');
    expect(clinic).toContain('<tr><th scope="row">Active</th><td>yes</td></tr>');
    expect(clinic).toContain('Nothing below this location.');

    const chongwe = await browser.page(`/console/locations/view?code=5oo2o1`); // by code too, repaired
    expect(chongwe).toContain('<h1>Chongwe Rural Health Centre</h1>');
    expect(chongwe).toContain('<td><span class="muted">none</span></td>'); // no coordinates
    expect(await browser.page('/console/locations/view?id=999999')).toContain('No such location.');
    expect(await browser.page('/console/locations/view?id=abc')).toContain('No such location.');
  });

  it('searches by name, any case, and by code, with letters typed for digits repaired', async () => {
    const byName = await browser.page('/console/locations?q=KALINGA');
    expect(byName).toContain('value="KALINGA"');
    expect(rows(byName)).toEqual(['Kalingalinga Clinic']);
    expect(rowOf(byName, 'Kalingalinga Clinic')).toBe('Kalingalinga Clinic|Urban Health Centre|500501|Lusaka › Lusaka');

    expect(rows(await browser.page('/console/locations?q=clinic')).slice(0, 3)).toEqual([
      'Chawama Clinic',
      'Chilenje Clinic',
      'Kalingalinga Clinic',
    ]);

    const repaired = await browser.page('/console/locations?q=5oo5oI');
    expect(repaired).toContain('(also read as <strong>500501</strong>)');
    expect(rows(repaired)).toEqual(['Kalingalinga Clinic']);

    // A district's code typed short and with a letter: the district itself first, then what its code starts.
    const district = await browser.page('/console/locations?q=4oo7');
    expect(rows(district)).toEqual([
      'Mansa',
      'Chisembe Rural Health Centre',
      'Mabumba Health Post',
      'Mansa General Hospital',
      'Senama Clinic',
    ]);
    expect(rowOf(district, 'Mansa')).toBe('Mansa|District|400700|Luapula');

    expect(await browser.page('/console/locations?q=nowhere')).toContain(
      'No location matches <strong>nowhere</strong>.',
    );
    expect(rows(await browser.page('/console/locations?q=100%25'))).toEqual([]); // % is a character, not a wildcard
    expect(rows(await browser.page('/console/locations?q=%20'))).toHaveLength(10); // blank: the top level
  });

  it("shows a clinic's contacts, at the clinic and in its zones, with roles, phones and whether active", async () => {
    const clinic = await byCode('500501');
    const { zone } = await harness.get(ZonesService).zoneFor(clinic, 'Kalingalinga Zone 1');
    const mary = await harness.build.contact({ name: 'Mary Phiri', locationId: clinic.id, roles: ['clinic-worker'] });
    await harness.build.contact({ name: 'Ben Banda', locationId: zone.id, roles: ['cba'] });
    const old = await harness.build.contact({ name: 'Old Worker', locationId: clinic.id, active: false });
    await harness.build.contact({ name: 'Elsewhere', locationId: (await byCode('500502')).id });

    const page = await browser.page(`/console/locations/view?id=${clinic.id}`);
    expect(page).toContain('<h2>Zones (1)</h2>');
    expect(rows(page)).toEqual(['Kalingalinga Zone 1']);
    expect(page).toContain('<h2>Contacts (3)</h2>');
    expect(rowOf(page, 'Mary Phiri')).toBe(`Mary Phiri|clinic-worker|${mary.phone}|here|yes`);
    expect(rowOf(page, 'Ben Banda')).toMatch(/^Ben Banda\|cba\|\+260\d+\|Kalingalinga Zone 1\|yes$/);
    expect(rowOf(page, 'Old Worker')).toBe(`Old Worker|none|${old.phone}|here|no`);
    expect(page).not.toContain('Elsewhere');
    // Links to the core pages: the contact (inactive ones too) and the phone's messages.
    expect(link(page, 'Mary Phiri')).toBe(`/console/contacts?q=${encodeURIComponent(mary.phone)}`);
    expect(link(page, 'Old Worker')).toBe(`/console/contacts?q=${encodeURIComponent(old.phone)}&all=1`);
    expect(link(page, mary.phone)).toBe(`/console/messages?phone=${encodeURIComponent(mary.phone)}`);
    expect(await browser.page(link(page, 'Mary Phiri'))).toContain('<strong>Mary Phiri</strong>');

    const zonePage = await browser.page(link(page, 'Kalingalinga Zone 1'));
    expect(zonePage).toContain('<h2>Contacts (1)</h2>');
    expect(rowOf(zonePage, 'Ben Banda')).toMatch(/^Ben Banda\|cba\|\+260\d+\|yes$/); // no "At" column: all are here

    const empty = await browser.page(`/console/locations/view?id=${(await byCode('500503')).id}`);
    expect(empty).toContain('<h2>Contacts (0)</h2>');
  });

  it('escapes location and contact names', async () => {
    const clinic = await byCode('500501');
    const { zone } = await harness.get(ZonesService).zoneFor(clinic, '<script>alert("x")</script> & <b>zone</b>');
    await harness.build.contact({ name: '<img src=x onerror=alert(1)>', locationId: zone.id });
    const escapedZone = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;zone&lt;/b&gt;';

    const clinicPage = await browser.page(`/console/locations/view?id=${clinic.id}`);
    expect(clinicPage).toContain(`<strong>${escapedZone}</strong>`);
    expect(clinicPage).toContain('<strong>&lt;img src=x onerror=alert(1)&gt;</strong>');
    const zonePage = await browser.page(`/console/locations/view?id=${zone.id}`);
    expect(zonePage).toContain(`<h1>${escapedZone}</h1>`);
    expect(zonePage).toContain(`<span aria-current="page">${escapedZone}</span>`);
    const search = await browser.page('/console/locations?q=%3Cscript');
    expect(search).toContain(`<strong>${escapedZone}</strong>`);
    expect(search).toContain('value="&lt;script"');
    for (const page of [clinicPage, zonePage, search]) {
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('<img src=x');
    }
  });
});
