import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigValidationError, loadConfig } from './config-loader';
import { ConfigFileError } from './config-layers';
import { formatConfig, MASK } from './config-print';
import { defineConfigSection, secret } from './config-section';
import { readEnvironment } from './environment';

const sms = defineConfigSection('sms', {
  maxLength: z.number().int().max(1600).default(160),
  gateway: z.string().default('tester'),
  live: z.boolean().default(false),
  password: secret(z.string().optional()),
  sendsmsUrl: z.string().optional(),
  apiKey: secret(z.string().optional()),
  nested: z.strictObject({ retries: z.number().default(3), backoff: z.string().default('exp') }).prefault({}),
});
const labs = defineConfigSection('labs', {
  names: z.array(z.string()).default(['ADH']),
});
/** Options whose shape depends on a `type` beside them, as gateways' do. */
const links = defineConfigSection('links', {
  byName: z
    .record(
      z.string(),
      z.discriminatedUnion('type', [
        z.strictObject({
          type: z.literal('modem'),
          password: secret(z.string()),
          timeoutMs: z.number().default(10_000),
          dlr: z.boolean().optional(),
          url: z.url(),
        }),
        z.strictObject({ type: z.literal('open'), headers: secret(z.record(z.string(), z.string())).default({}) }),
      ]),
    )
    .default({}),
});

function countryDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mwana-config-'));
  mkdirSync(join(dir, 'config'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'config', name), text);
  return dir;
}

function load(files: Record<string, string>, env: Record<string, string> = {}) {
  return loadConfig({
    country: 'testland',
    countryDir: countryDir({ 'country.yaml': '', ...files }),
    sections: [sms, labs, links],
    environment: readEnvironment(env),
  });
}

function problemsOf(run: () => unknown): ConfigValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('config chain', () => {
  it('takes project defaults from the schemas when no layer sets a key', () => {
    const config = load({});
    expect(config.section(sms)).toMatchObject({ maxLength: 160, gateway: 'tester', nested: { retries: 3 } });
    expect(config.provenance.get('sms.maxLength')).toEqual({ layer: 'project', source: 'default' });
  });

  it('lets each layer win over the one before: country < environment < local < variables', () => {
    const files = {
      'country.yaml': 'sms: { maxLength: 158, gateway: kannel, live: true }\nlabs: { names: [QECH] }',
      'development.yaml': 'sms: { gateway: modem, nested: { retries: 5 } }',
      'local.yaml': 'sms: { nested: { retries: 7 } }',
    };
    const config = load(files, { MWANA__SMS__LIVE: 'false' });
    expect(config.section(sms)).toMatchObject({
      maxLength: 158,
      gateway: 'modem',
      live: false,
      nested: { retries: 7, backoff: 'exp' },
    });
    expect(config.section(labs).names).toEqual(['QECH']);
    expect(config.provenance.get('sms.maxLength')?.layer).toBe('country');
    expect(config.provenance.get('sms.gateway')).toEqual({
      layer: 'environment',
      source: expect.stringMatching(/development\.yaml$/),
    });
    expect(config.provenance.get('sms.nested.retries')).toEqual({
      layer: 'local',
      source: expect.stringMatching(/local\.yaml$/),
    });
    expect(config.provenance.get('sms.live')).toEqual({ layer: 'variables', source: 'MWANA__SMS__LIVE' });
  });

  it('reads the environment file MWANA_ENV names, and only that one', () => {
    const files = { 'production.yaml': 'sms: { gateway: kannel }', 'staging.yaml': 'sms: { gateway: twilio }' };
    expect(load(files, { MWANA_ENV: 'production' }).section(sms).gateway).toBe('kannel');
    expect(load(files, { MWANA_ENV: 'staging' }).section(sms).gateway).toBe('twilio');
    expect(load(files).section(sms).gateway).toBe('tester');
  });

  it('maps MWANA__SECTION__KEY onto camelCase keys and reads values as the schema types them', () => {
    const config = load(
      {},
      {
        MWANA__SMS__MAX_LENGTH: '70',
        MWANA__SMS__NESTED__RETRIES: '9',
        MWANA__SMS__PASSWORD: '0977', // digits, but the schema wants text: kept as text
        MWANA__LABS__NAMES: '[ADH, UTH]',
      },
    );
    expect(config.section(sms)).toMatchObject({ maxLength: 70, password: '0977', nested: { retries: 9 } });
    expect(config.section(labs).names).toEqual(['ADH', 'UTH']);
  });

  it("reads variables inside options typed by their kind (a gateway's) as that kind's schema types them", () => {
    const files = {
      'country.yaml': 'links: { byName: { zain-modem: { type: modem, url: "http://127.0.0.1:13013/" } } }',
    };
    const config = load(files, {
      MWANA__LINKS__BY_NAME__ZAIN_MODEM__PASSWORD: '1234',
      MWANA__LINKS__BY_NAME__ZAIN_MODEM__TIMEOUT_MS: '5000',
      MWANA__LINKS__BY_NAME__ZAIN_MODEM__DLR: 'false',
    });
    expect(config.section(links).byName).toEqual({
      'zain-modem': { type: 'modem', password: '1234', timeoutMs: 5000, dlr: false, url: 'http://127.0.0.1:13013/' },
    });
    const error = problemsOf(() => load(files, { MWANA__LINKS__BY_NAME__ZAIN_MODEM__TIMEOUT_MS: 'soon' }));
    expect(error.problems.map((p) => [p.key, p.setBy])).toContainEqual([
      'links.byName.zain-modem.timeoutMs',
      'MWANA__LINKS__BY_NAME__ZAIN_MODEM__TIMEOUT_MS',
    ]);
  });

  it('replaces a list as a whole rather than merging it item by item', () => {
    const config = load({ 'country.yaml': 'labs: { names: [A, B, C] }', 'local.yaml': 'labs: { names: [D] }' });
    expect(config.section(labs).names).toEqual(['D']);
  });

  it('names every bad key and the file or variable that set it, in one message', () => {
    const error = problemsOf(() =>
      load(
        { 'country.yaml': 'sms: { maxLength: 2000 }', 'local.yaml': 'sms: { gatewey: kannel }\nsmss: {}' },
        { MWANA__SMS__LIVE: 'maybe' },
      ),
    );
    const byKey = Object.fromEntries(error.problems.map((p) => [p.key, p]));
    expect(byKey['sms.maxLength'].setBy).toMatch(/country\.yaml$/);
    expect(byKey['sms.gatewey']).toMatchObject({
      message: 'unknown key',
      setBy: expect.stringMatching(/local\.yaml$/),
    });
    expect(byKey.smss.setBy).toMatch(/local\.yaml$/);
    expect(byKey['sms.live'].setBy).toBe('MWANA__SMS__LIVE');
    expect(error.message).toMatch(/^Configuration of testland \(development\) is invalid:\n/);
    expect(error.message.split('\n')).toHaveLength(1 + 4);
  });

  it('stops on a file that is not YAML, naming the file and line', () => {
    expect(() => load({ 'country.yaml': 'sms:\n  maxLength: [160\n' })).toThrow(ConfigFileError);
    expect(() => load({ 'country.yaml': 'sms:\n  maxLength: [160\n' })).toThrow(/country\.yaml:\d+: /);
  });

  it('requires country.yaml, since a country without one is a mistake', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mwana-config-'));
    expect(() =>
      loadConfig({ country: 'x', countryDir: dir, sections: [sms], environment: readEnvironment({}) }),
    ).toThrow(/country\.yaml: missing/);
  });

  it('rejects an unknown MWANA_ENV before reading anything', () => {
    expect(() => readEnvironment({ MWANA_ENV: 'prod' })).toThrow(
      /MWANA_ENV must be one of development, test, staging, production/,
    );
  });
});

describe('mwana config output', () => {
  const line = (text: string, key: string) => text.split('\n').find((l) => l.startsWith(`${key} `)) ?? '';
  const masked = new RegExp(`${MASK.replace(/\*/g, '\\*')}`);

  it('prints every key with its value and layer, secrets masked', () => {
    const config = load(
      { 'country.yaml': 'sms: { sendsmsUrl: "http://kannel:s3cret@127.0.0.1:13013/cgi-bin/sendsms", apiKey: abc123 }' },
      { MWANA__SMS__PASSWORD: 'hunter2' },
    );
    const text = formatConfig(config);
    expect(text).not.toMatch(/hunter2|s3cret|abc123/);
    expect(line(text, 'sms.password')).toMatch(
      new RegExp(`${MASK.replace(/\*/g, '\\*')}\\s+variables: MWANA__SMS__PASSWORD$`),
    );
    expect(line(text, 'sms.apiKey')).toContain(MASK);
    expect(line(text, 'sms.sendsmsUrl')).toContain(`http://kannel:${MASK}@127.0.0.1:13013/cgi-bin/sendsms`);
    expect(line(text, 'sms.maxLength')).toMatch(/160\s+project: default$/);
    expect(line(text, 'labs.names')).toMatch(/\["ADH"\]\s+project: default$/);
  });

  it("masks a kind's secrets by its schema however the layer was shaped: a whole map in one variable too", () => {
    const map =
      '{ zain: { type: modem, password: "p@ss-1", url: "http://k:inurl@127.0.0.1/" }, web: { type: open, headers: { Authorization: Bearer-t0ken } } }';
    const whole = load({}, { MWANA__LINKS__BY_NAME: map });
    const one = load(
      { 'country.yaml': 'links: { byName: { zain: { type: modem, url: "http://127.0.0.1/" } } }' },
      { MWANA__LINKS__BY_NAME__ZAIN__PASSWORD: 'p@ss-1' },
    );
    for (const config of [whole, one]) {
      const text = formatConfig(config);
      expect(text).not.toMatch(/p@ss-1|Bearer-t0ken|inurl/);
      expect(line(text, 'links.byName.zain.password')).toMatch(masked);
    }
    const text = formatConfig(whole);
    expect(line(text, 'links.byName.zain.password')).toMatch(/variables: MWANA__LINKS__BY_NAME$/);
    expect(line(text, 'links.byName.web.headers.Authorization')).toMatch(masked);
    expect(line(text, 'links.byName.zain.type')).toMatch(/modem\s+variables: MWANA__LINKS__BY_NAME$/);
    expect(line(text, 'links.byName.zain.timeoutMs')).toMatch(/10000/);
  });
});
