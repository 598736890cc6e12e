import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError } from '../config/config-loader';
import { readEnvironment } from '../config/environment';
import { type CountryDefinition, loadCountryConfig } from './country';

function country(yaml: string): CountryDefinition {
  const dir = mkdtempSync(join(tmpdir(), 'mwana-country-'));
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'config', 'country.yaml'), yaml);
  return {
    name: 'testland',
    dir,
    version: '0',
    sections: [],
    migrations: [],
    localeDirs: [],
    appModule: () => ({ module: class {} }),
  };
}

const base = 'country: { name: Testland, code: ZM, timezone: Africa/Lusaka }\n';
const problems = (definition: CountryDefinition, env: Record<string, string>) => {
  try {
    loadCountryConfig(definition, { environment: readEnvironment(env) });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    return error.problems.map((p) => p.key);
  }
};

describe("a country's config rules beyond the schemas", () => {
  it('needs PostgreSQL and a console session secret on staging and production servers, not on a laptop', () => {
    const testland = country(base);
    expect(problems(testland, {})).toEqual([]);
    expect(problems(testland, { MWANA_ENV: 'production' })).toEqual(['database.url', 'console.sessionSecret']);
    expect(
      problems(testland, {
        MWANA_ENV: 'staging',
        DATABASE_URL: 'postgres://db/mwana',
        MWANA__CONSOLE__SESSION_SECRET: 'x'.repeat(32),
      }),
    ).toEqual([]);
  });

  it('needs the default language to be one the country offers', () => {
    const testland = country(
      `${base.replace('}', ', languages: [{ code: en, name: English }], defaultLanguage: bem }')}`,
    );
    expect(problems(testland, {})).toEqual(['country.defaultLanguage']);
  });
});
