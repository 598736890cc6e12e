import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Module } from '@nestjs/common';
import { z } from 'zod';
import { defineConfigSection, type SectionValue } from '../config/config-section';
import { readEnvironment } from '../config/environment';
import { CoreModule } from './core.module';
import { CORE_LOCALE_DIR } from '../i18n/i18n.module';
import { coreMigrations } from '../migrations';
import { loadCountryConfig } from './country';
import { defineCountry } from './define-country';
import { defineApp } from './mwana-app';

const farmConfig = defineConfigSection('farm', { animals: z.number().int().default(3) });
const FARM = Symbol('farm settings');

@Injectable()
class Farm {
  constructor(@Inject(FARM) readonly settings: SectionValue<typeof farmConfig>) {}
}

@Module({})
class FarmModule {
  static forRoot(settings: SectionValue<typeof farmConfig>) {
    return { module: FarmModule, providers: [{ provide: FARM, useValue: settings }, Farm], exports: [Farm] };
  }
}

class AddBarn {
  name = 'AddBarn1700000000000';
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}
class AddSilo {
  name = 'AddSilo1700000000001';
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}

const farmApp = defineApp({
  name: 'farm',
  config: farmConfig,
  module: (settings) => FarmModule.forRoot(settings),
  migrations: [AddBarn],
  localeDir: '/apps/farm/locale',
});
const siloApp = defineApp({
  name: 'silo',
  config: defineConfigSection('silo', {}),
  module: () => ({ module: class SiloModule {} }),
  migrations: [AddSilo],
});

function countryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mwana-define-country-'));
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@mwana/testland', version: '1.2.3' }));
  writeFileSync(
    join(dir, 'config', 'country.yaml'),
    'country: { name: Testland, code: ZM, timezone: Africa/Lusaka }\nfarm: { animals: 7 }\n',
  );
  return dir;
}

describe('defineCountry: each app listed once gives the country all it needs of it', () => {
  it("takes the apps' sections, migrations after core's in the apps' order, and catalogues before the country's", () => {
    const dir = countryDir();
    const country = defineCountry({ name: 'testland', dir, apps: [farmApp, siloApp] });
    expect(country.version).toBe('1.2.3');
    expect(country.sections.map((s) => s.name)).toEqual(['farm', 'silo']);
    expect(country.migrations).toEqual([...coreMigrations, AddBarn, AddSilo]);
    expect(country.localeDirs).toEqual([CORE_LOCALE_DIR, '/apps/farm/locale', join(dir, 'locale')]);
  });

  it("composes core and each app's module with its own validated section", () => {
    const country = defineCountry({ name: 'testland', dir: countryDir(), apps: [farmApp, siloApp] });
    const config = loadCountryConfig(country, { environment: readEnvironment({ MWANA_ENV: 'test' }) });
    const root = country.appModule(config);
    const imports = root.imports as Array<{ module: unknown; providers?: unknown[] }>;
    expect(imports.map((i) => i.module)).toEqual([CoreModule, FarmModule, expect.any(Function)]);
    expect(imports[1].providers).toContainEqual({ provide: FARM, useValue: { animals: 7 } });
  });

  it('refuses an app listed twice', () => {
    expect(() => defineCountry({ name: 'testland', dir: countryDir(), apps: [farmApp, siloApp, farmApp] })).toThrow(
      'testland lists the app "farm" twice',
    );
  });
});
