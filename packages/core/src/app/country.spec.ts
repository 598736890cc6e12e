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
  it('needs PostgreSQL, a console session secret and a PIN pepper on staging and production servers, not on a laptop', () => {
    const testland = country(base);
    expect(problems(testland, {})).toEqual([]);
    expect(problems(testland, { MWANA_ENV: 'production' })).toEqual([
      'database.url',
      'console.sessionSecret',
      'contacts.pinPepper',
    ]);
    expect(
      problems(testland, {
        MWANA_ENV: 'staging',
        DATABASE_URL: 'postgres://db/mwana',
        MWANA__CONSOLE__SESSION_SECRET: 'x'.repeat(32),
        MWANA__CONTACTS__PIN_PEPPER: 'p'.repeat(32),
      }),
    ).toEqual([]);
  });

  it('refuses cookies without Secure on a server', () => {
    const server = {
      DATABASE_URL: 'postgres://db/mwana',
      MWANA__CONSOLE__SESSION_SECRET: 'x'.repeat(32),
      MWANA__CONTACTS__PIN_PEPPER: 'p'.repeat(32),
      MWANA__CONSOLE__SECURE_COOKIE: 'never',
    };
    expect(problems(country(base), { ...server, MWANA_ENV: 'production' })).toEqual(['console.secureCookie']);
    expect(problems(country(base), { ...server, MWANA_ENV: 'development' })).toEqual([]);
  });

  it('takes proxies to trust as addresses and ranges, nothing else', () => {
    expect(
      problems(country(base), { MWANA__HTTP__TRUST_PROXY: '["127.0.0.1", "10.0.0.0/8", "fd00::/8", "loopback"]' }),
    ).toEqual([]);
    expect(problems(country(base), { MWANA__HTTP__TRUST_PROXY: 'true' })).toEqual(['http.trustProxy']);
    expect(problems(country(base), { MWANA__HTTP__TRUST_PROXY: '["10.0.0.0/33"]' })).toEqual(['http.trustProxy.0']);
  });

  it('needs the default language to be one the country offers', () => {
    const testland = country(
      `${base.replace('}', ', languages: [{ code: en, name: English }], defaultLanguage: bem }')}`,
    );
    expect(problems(testland, {})).toEqual(['country.defaultLanguage']);
  });
});
