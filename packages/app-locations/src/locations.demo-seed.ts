import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DemoSeed, type DemoPlace, type DemoSeeder, type DemoSession } from '@mwana/core';
import { LocationImporter } from './import/location-importer.service';
import { LocationsService } from './locations.service';

/** How many of the sample facilities the demo staffs: two of the first district, one of another. */
const CLINICS = 3;

/**
 * The demo's places: the country's `data/locations.csv` and `data/sample-facilities.csv`,
 * imported as `mwana locations seed --with-samples` does; the clinics the other apps' demo
 * data uses are shared as `clinics` (`DemoPlace[]`).
 */
@DemoSeed({ app: 'locations', order: 10 })
export class LocationsDemoSeed implements DemoSeeder {
  constructor(
    private readonly importer: LocationImporter,
    private readonly locations: LocationsService,
  ) {}

  async seed(demo: DemoSession): Promise<string[]> {
    const lines: string[] = [];
    for (const file of ['locations.csv', 'sample-facilities.csv']) {
      const report = await this.importer.importFile(join(demo.countryDir, 'data', file));
      if (report.errors.length > 0)
        throw new Error(`data/${file}: ${report.errors.length} bad row(s); see mwana locations seed`);
      lines.push(`data/${file}: ${report.rows} row(s), ${report.changes.length} change(s)`);
    }
    const clinics = await this.pickClinics(join(demo.countryDir, 'data', 'sample-facilities.csv'));
    if (clinics.length === 0) throw new Error('data/sample-facilities.csv has no clinic the demo can use');
    demo.shared.set('clinics', clinics);
    lines.push(`clinics for the demo: ${clinics.map((c) => `${c.name} (${c.code})`).join(', ')}`);
    return lines;
  }

  /** The first two clinics of the samples' first district and the first of another. */
  private async pickClinics(file: string): Promise<DemoPlace[]> {
    const codes = (await readFile(file, 'utf8'))
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(',')[3]?.trim())
      .filter((code): code is string => !!code);
    const found: DemoPlace[] = [];
    for (const code of codes) {
      const place = await this.locations.findByCode(code);
      if (!place || place.type?.kind !== 'clinic') continue;
      const district = (await this.locations.ancestors(place.id)).find((a) => a.type?.kind === 'district');
      const candidate = { code: place.code, name: place.name, districtCode: district?.code ?? null };
      const sameDistrict = found.filter((f) => f.districtCode === candidate.districtCode).length;
      const first = found[0]?.districtCode;
      if (
        found.length === 0 ||
        (candidate.districtCode === first && sameDistrict < 2) ||
        (candidate.districtCode !== first && found.length === 2)
      )
        found.push(candidate);
      if (found.length === CLINICS) break;
    }
    return found;
  }
}
