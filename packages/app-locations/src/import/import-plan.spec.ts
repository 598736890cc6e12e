import { locationsConfig } from '../locations.config';
import { diffLocations } from './import-diff';
import type { ExistingLocation } from './import-nodes';
import { planLocations } from './import-plan';
import { readImportRows } from './import-rows';

const HEADER = 'Province,District,Facility_Name,Code,Facility Type,Latitude,Longitude';
const zambia = locationsConfig.schema.parse({
  codeFormat: 'PPDDFF',
  districtType: 'districts',
  provinceType: 'provinces',
  clinicTypes: ['rural_health_centre', 'clinic'],
});
const malawi = locationsConfig.schema.parse({
  codeFormat: 'DDFF',
  padShortCodes: false,
  clinicTypes: ['health_centre'],
});

function plan(lines: string[], settings = zambia, existing = new Map<string, ExistingLocation>()) {
  const read = readImportRows([HEADER, ...lines].join('\n'));
  const result = planLocations(read.rows, existing, settings);
  return { ...result, errors: [...read.errors, ...result.errors].sort((a, b) => a.line - b.line) };
}

describe('planLocations', () => {
  it('derives the district and province of a facility from its code', () => {
    const { nodes, errors } = plan(['Luapula,Mansa,Mansa Clinic,403012,Rural Health Centre,-11.2,28.9']);
    expect(errors).toEqual([]);
    expect(nodes.map((n) => [n.level, n.code, n.name, n.parentCode, n.typeSlug, n.declared])).toEqual([
      ['province', '400000', 'Luapula', null, 'provinces', false],
      ['district', '403000', 'Mansa', '400000', 'districts', false],
      ['facility', '403012', 'Mansa Clinic', '403000', 'rural_health_centre', true],
    ]);
    expect(nodes[2]).toMatchObject({ latitude: -11.2, longitude: 28.9, typeLabel: 'Rural Health Centre' });
  });

  it('takes declared provinces and districts wherever they are in the file', () => {
    const { nodes, errors } = plan([
      'Luapula,Mansa,Mansa Clinic,403012,,,',
      'Luapula,Mansa,,403000,,,',
      'Luapula,,,400000,,,',
    ]);
    expect(errors).toEqual([]);
    expect(nodes.map((n) => [n.code, n.declared])).toEqual([
      ['400000', true],
      ['403000', true],
      ['403012', true],
    ]);
    expect(nodes[2].typeSlug).toBe('clinic'); // the default facility type
  });

  it('reports each bad row with its line and reason', () => {
    const { errors, nodes } = plan([
      'Luapula,Mansa,Good Clinic,403012,,,',
      'Luapula,Mansa,Short Code,40301,,,',
      ',Mansa,No Province,403013,,,',
      'Luapula,Samfya,Wrong District,403014,,,',
      'Luapula,Mansa,Again,403012,,,',
      'Luapula,Mansa,Far Away,403015,,95,28',
      'Luapula,Mansa,Half,403016,,-11,',
      'Luapula,Mansa,Comma, Inside,403017,,,',
      'Luapula,Mansa,Zone Without Clinic,403099-1,zone,,',
      'Luapula,Mansa,Province Type,403018,provinces,,',
    ]);
    expect(errors).toEqual([
      { line: 3, reason: 'Code "40301" is not a facility code (PPDDFF)' },
      { line: 4, reason: 'Province is empty' },
      { line: 5, reason: 'District "Samfya" does not match code 403014: district 403000 is "Mansa"' },
      { line: 6, reason: 'code 403012 is also on line 2' },
      { line: 7, reason: 'Latitude "95" is not between -90 and 90' },
      { line: 8, reason: 'Latitude and Longitude go together: give both or neither' },
      { line: 9, reason: '8 cells where the header has 7 (a comma in a name needs quotes)' },
      { line: 10, reason: 'zone 403099-1: facility 403099 is neither in the file nor in the database' },
      {
        line: 11,
        reason: 'Facility Type "provinces" is the province or district type; leave Facility_Name empty for those',
      },
    ]);
    expect(nodes.map((n) => n.code)).toEqual(['400000', '403000', '403012']);
  });

  it('refuses a district code on a facility row and a facility code on a district row', () => {
    expect(plan(['Luapula,Mansa,Office,403000,,,']).errors[0].reason).toBe(
      'Code "403000" is not a facility code (PPDDFF)',
    );
    expect(plan(['Luapula,Mansa,,403012,,,']).errors[0].reason).toBe(
      'Code "403012" is not a district code (PPDDFF, with zeros below the district)',
    );
  });

  it('reads zones of a facility', () => {
    const { nodes, errors } = plan(['Luapula,Mansa,Mansa Clinic,403012,,,', 'Luapula,Mansa,Zone 1,403012-Z1,Zone,,']);
    expect(errors).toEqual([]);
    expect(nodes[3]).toMatchObject({
      level: 'zone',
      code: '403012-z1',
      name: 'Zone 1',
      parentCode: '403012',
      typeSlug: 'zone',
    });
  });

  it('checks names against the database too', () => {
    const existing = new Map<string, ExistingLocation>([
      [
        '403000',
        {
          id: 2,
          code: '403000',
          name: 'Mansa',
          typeSlug: 'districts',
          kind: 'district',
          parentCode: '400000',
          latitude: null,
          longitude: null,
          active: true,
        },
      ],
    ]);
    expect(plan(['Luapula,Samfya,X,403012,,,'], zambia, existing).errors).toEqual([
      { line: 2, reason: 'District "Samfya" does not match code 403012: district 403000 is "Mansa"' },
    ]);
    expect(plan(['Luapula, mansa ,X,403012,,,'], zambia, existing).errors).toEqual([]);
  });

  it('gives Malawi regions word codes and finds them by name', () => {
    const { nodes, errors } = plan(
      [
        'Northern Region,,,northern,,,',
        'Northern Region,Chitipa,,0100,,,',
        'Southern Region,Blantyre,Limbe Health Centre,2001,Health Centre,,',
      ],
      malawi,
    );
    expect(errors).toEqual([]);
    expect(nodes.map((n) => [n.code, n.parentCode])).toEqual([
      ['northern', null],
      ['southern-region', null],
      ['0100', 'northern'],
      ['2000', 'southern-region'],
      ['2001', '2000'],
    ]);
    expect(plan(['North,,,0100,,,'], malawi).errors[0].reason).toMatch(
      /a province here has no digits in the DDFF code/,
    );
  });
});

describe('diffLocations', () => {
  const mansa: ExistingLocation = {
    id: 3,
    code: '403012',
    name: 'Mansa clinic',
    typeSlug: 'clinic',
    kind: 'clinic',
    parentCode: '403000',
    latitude: null,
    longitude: null,
    active: false,
  };

  it('creates what is missing and updates only what differs', () => {
    const { nodes } = plan(['Luapula,Mansa,Mansa Clinic,403012,,-11.5,28.5']);
    const existing = new Map([['403012', mansa]]);
    const diff = diffLocations(nodes, existing);
    expect(diff.changes.map((c) => [c.action, c.node.code])).toEqual([
      ['create', '400000'],
      ['create', '403000'],
      ['update', '403012'],
    ]);
    const update = diff.changes[2];
    expect(update.action === 'update' && update.fields).toEqual([
      'name: "Mansa clinic" -> "Mansa Clinic"',
      'latitude: null -> -11.5',
      'longitude: null -> 28.5',
      'active: false -> true',
    ]);
  });

  it('never renames a district it only knows from a facility code', () => {
    const existing = new Map<string, ExistingLocation>([
      [
        '403000',
        {
          ...mansa,
          id: 2,
          code: '403000',
          name: 'MANSA',
          kind: 'district',
          typeSlug: 'districts',
          parentCode: '400000',
          active: true,
        },
      ],
    ]);
    const { nodes } = plan(['Luapula,Mansa,Mansa Clinic,403012,,,'], zambia, existing);
    expect(diffLocations(nodes, existing).changes.map((c) => c.node.code)).toEqual(['400000', '403012']);
  });
});

describe('planLocations with a Parent column', () => {
  const PARENT = `${HEADER},Parent`;
  function planned(lines: string[], settings = zambia, existing = new Map<string, ExistingLocation>()) {
    const read = readImportRows([PARENT, ...lines].join('\n'));
    const result = planLocations(read.rows, existing, settings);
    return { ...result, errors: [...read.errors, ...result.errors].sort((a, b) => a.line - b.line) };
  }

  it('places a row under the Parent it names, whatever its code’s digits say', () => {
    const { nodes, errors } = planned([
      // A district split from Mansa (4030): its facilities keep their 4030.. codes.
      'Luapula,Chembe,,405000,,,,400000',
      'Luapula,Chembe,Chembe Clinic,403017,,-11.1,28.7,405000',
      // A health post under a hospital named later in the file, and a facility code with a zero district part.
      ',,Mabumba Post,403099,Health Post,,,403018',
      ',,Mansa Hospital,403018,,,,405000',
      ',,Lake Clinic,400012,,,,405000',
      'Luapula,,,400000,,,,',
    ]);
    expect(errors).toEqual([]);
    expect(nodes.map((n) => [n.level, n.code, n.parentCode, n.typeSlug])).toEqual([
      ['province', '400000', null, 'provinces'],
      ['district', '405000', '400000', 'districts'],
      ['facility', '403017', '405000', 'clinic'],
      ['facility', '403099', '403018', 'health_post'],
      ['facility', '403018', '405000', 'clinic'],
      ['facility', '400012', '405000', 'clinic'],
    ]);
    expect(nodes[2]).toMatchObject({ name: 'Chembe Clinic', latitude: -11.1, longitude: 28.7 });
  });

  it('takes a Parent from the database, and a code of the country’s codePattern', () => {
    const existing = new Map<string, ExistingLocation>([
      [
        'northern',
        {
          id: 1,
          code: 'northern',
          name: 'Northern',
          typeSlug: 'province',
          kind: 'province',
          parentCode: null,
          latitude: null,
          longitude: null,
          active: true,
        },
      ],
    ]);
    const patterned = locationsConfig.schema.parse({ ...malawi, codePattern: '^[A-Z]{2}[0-9]{3}$' });
    const { nodes, errors } = planned(
      ['Northern,Mzimba North,,MZ100,,,,northern', ',,Mzuzu Health Centre,MZ101,Health Centre,,,MZ100'],
      patterned,
      existing,
    );
    expect(errors).toEqual([]);
    expect(nodes.map((n) => [n.level, n.code, n.parentCode])).toEqual([
      ['district', 'MZ100', 'northern'],
      ['facility', 'MZ101', 'MZ100'],
    ]);
    // Without the pattern, Malawi's codes are 4 digits (DDFF).
    expect(planned(['Northern,Mzimba North,,MZ100,,,,northern'], malawi, existing).errors).toEqual([
      { line: 2, reason: 'Code "MZ100" is not a code this country allows (4 digits, as DDFF)' },
    ]);
  });

  it('reports a Parent that is missing, of the wrong level, or the row itself', () => {
    const { errors, nodes } = planned([
      'Luapula,,,400000,,,,',
      'Luapula,Mansa,,403000,,,,',
      ',,Nowhere Clinic,403012,,,,409000',
      ',,Under Province,403013,,,,400000',
      'Luapula,Chembe,,405000,,,,403000',
      ',,Self,403014,,,,403014',
      'Luapula,,,500000,,,,400000',
      ',,Bad Code,40301,,,,403000',
      ',,Good Clinic,403015,,,,403000',
    ]);
    expect(errors).toEqual([
      { line: 4, reason: 'Parent 409000 is neither in the file nor in the database' },
      { line: 5, reason: 'Parent 400000 is a province; a facility goes under a district or facility' },
      { line: 6, reason: 'Parent 403000 is a district; a district goes under a province' },
      { line: 7, reason: "Parent 403014 is the row's own code" },
      { line: 8, reason: 'a province has no Parent: leave it empty' },
      { line: 9, reason: 'Code "40301" is not a code this country allows (6 digits, as PPDDFF)' },
    ]);
    expect(nodes.map((n) => n.code)).toEqual(['400000', '403000', '403015']);
  });
});
