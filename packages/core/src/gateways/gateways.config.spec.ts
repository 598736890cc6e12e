import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SECTIONS } from '../app/country';
import { ConfigValidationError, loadConfig } from '../config/config-loader';
import { formatConfig, MASK } from '../config/config-print';
import { readEnvironment } from '../config/environment';
import { gatewaysConfig } from './gateways.config';

const SECRETS = {
  kannelPassword: 'Kannel-Pa55word',
  kannelSecret: 'kannel-secret-0001',
  twilioToken: 'twilio-auth-t0ken',
  atKey: 'atsk-api-k3y-0001',
  atSecret: 'at-callback-secret-0123',
  httpSecret: 'http-s3cret-0001',
  httpBearer: 'Bearer http-bearer-0001',
};

/** Every built-in type with each of its secrets, as an operator would write them. */
const GATEWAYS = `{
  zain: { type: kannel, username: mwana, password: ${SECRETS.kannelPassword}, secret: ${SECRETS.kannelSecret},
          sendsmsUrl: "http://mwana:${SECRETS.kannelPassword}@127.0.0.1:13013/cgi-bin/sendsms" },
  tw: { type: twilio, accountSid: AC0123456789abcdef0123456789abcdef, authToken: ${SECRETS.twilioToken}, from: "+15005550006" },
  at: { type: africastalking, username: mwana-zm, apiKey: ${SECRETS.atKey}, secret: ${SECRETS.atSecret} },
  agg: { type: http, secret: ${SECRETS.httpSecret}, headers: { Authorization: "${SECRETS.httpBearer}" } }
}`;

function load(variables: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'mwana-gateways-'));
  mkdirSync(join(dir, 'config'));
  writeFileSync(
    join(dir, 'config', 'country.yaml'),
    'country: { name: Testland, code: ZM, timezone: Africa/Lusaka }\n',
  );
  return loadConfig({
    country: 'testland',
    countryDir: dir,
    sections: CORE_SECTIONS,
    environment: readEnvironment(variables),
  });
}

describe('backends.gateways in the config chain', () => {
  it('validates each gateway by its type and applies its defaults, once, at load', () => {
    const gateways = load({ MWANA__BACKENDS__GATEWAYS: GATEWAYS }).section(gatewaysConfig).gateways;
    expect(gateways.zain).toMatchObject({
      type: 'kannel',
      password: SECRETS.kannelPassword,
      dlrMask: 31,
      timeoutMs: 10_000,
    });
    expect(gateways.at).toMatchObject({ type: 'africastalking', allowFrom: [], timeoutMs: 15_000 });
    expect(load({}).section(gatewaysConfig).gateways).toEqual({ tester: { type: 'tester' } });
  });

  it('names each bad key and the variable that set it, for a whole map in one variable too', () => {
    const problems = (variables: Record<string, string>): string[] => {
      try {
        load(variables);
      } catch (error) {
        if (error instanceof ConfigValidationError)
          return error.problems.map((p) => `${p.key} (${p.setBy}): ${p.message}`);
        throw error;
      }
      throw new Error('expected the config to be refused');
    };
    const bad = '{ zain: { type: kannel, username: mwana, password: x }, smoke: { type: smoke-signal } }';
    expect(problems({ MWANA__BACKENDS__GATEWAYS: bad })).toEqual([
      expect.stringMatching(/^backends\.gateways\.zain\.secret \(MWANA__BACKENDS__GATEWAYS\): set secret or allowFrom/),
      expect.stringMatching(
        /^backends\.gateways\.smoke\.type \(MWANA__BACKENDS__GATEWAYS\): no gateway type "smoke-signal"/,
      ),
    ]);
    expect(
      problems({ MWANA__BACKENDS__GATEWAYS: GATEWAYS, MWANA__BACKENDS__GATEWAYS__ZAIN__TIMEOUT_MS: 'soon' }),
    ).toEqual([
      expect.stringMatching(/^backends\.gateways\.zain\.timeoutMs \(MWANA__BACKENDS__GATEWAYS__ZAIN__TIMEOUT_MS\)/),
    ]);
  });

  describe('mwana config', () => {
    const line = (text: string, key: string) => text.split('\n').find((l) => l.startsWith(`${key} `)) ?? '';

    it('masks every secret of every gateway type when the whole map is one variable (MWANA__BACKENDS__GATEWAYS)', () => {
      const text = formatConfig(
        load({ MWANA__BACKENDS__GATEWAYS: GATEWAYS, MWANA__BACKENDS__GATEWAYS__ZAIN__TIMEOUT_MS: '5000' }),
      );
      for (const value of Object.values(SECRETS)) expect(text).not.toContain(value.replace(/^Bearer /, ''));
      for (const key of [
        'zain.password',
        'zain.secret',
        'tw.authToken',
        'at.apiKey',
        'at.secret',
        'agg.secret',
        'agg.headers.Authorization',
      ])
        expect(line(text, `backends.gateways.${key}`)).toMatch(
          new RegExp(`${MASK.replace(/\*/g, '\\*')}\\s+variables: MWANA__BACKENDS__GATEWAYS$`),
        );
      expect(line(text, 'backends.gateways.zain.sendsmsUrl')).toContain(`mwana:${MASK}@127.0.0.1`);
      expect(line(text, 'backends.gateways.zain.username')).toMatch(/mwana\s+variables: MWANA__BACKENDS__GATEWAYS$/);
      // What the map left out is the type's default, and says so.
      expect(line(text, 'backends.gateways.zain.dlrMask')).toMatch(/31\s+project: default$/);
      // A key set on its own beside the whole map says so; the map's other keys keep theirs.
      expect(line(text, 'backends.gateways.zain.timeoutMs')).toMatch(
        /5000\s+variables: MWANA__BACKENDS__GATEWAYS__ZAIN__TIMEOUT_MS$/,
      );
    });

    it('masks them when each is a variable of its own, and when a gateway is one variable', () => {
      const text = formatConfig(
        load({
          MWANA__BACKENDS__GATEWAYS__ZAIN__TYPE: 'kannel',
          MWANA__BACKENDS__GATEWAYS__ZAIN__USERNAME: 'mwana',
          MWANA__BACKENDS__GATEWAYS__ZAIN__PASSWORD: SECRETS.kannelPassword,
          MWANA__BACKENDS__GATEWAYS__ZAIN__SECRET: SECRETS.kannelSecret,
          MWANA__BACKENDS__GATEWAYS__AT: `{ type: africastalking, username: u, apiKey: ${SECRETS.atKey}, secret: ${SECRETS.atSecret} }`,
        }),
      );
      for (const value of [SECRETS.kannelPassword, SECRETS.kannelSecret, SECRETS.atKey, SECRETS.atSecret])
        expect(text).not.toContain(value);
      expect(line(text, 'backends.gateways.zain.password')).toMatch(
        /variables: MWANA__BACKENDS__GATEWAYS__ZAIN__PASSWORD$/,
      );
      expect(line(text, 'backends.gateways.at.apiKey')).toMatch(/variables: MWANA__BACKENDS__GATEWAYS__AT$/);
    });
  });
});
