import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { gatewaysConfig, loadCountryConfig, readEnvironment } from '@mwana/core';
import { FakeGateway, type Recorded, useCountryApp, STARTUP_TIMEOUT_MS } from '@mwana/core/testing';
import { malawi } from '../src/country';

/*
 * Malawi's production gateways, as production.yaml configures them (only the addresses of
 * the two Kannels and the secrets come from variables, as on a server): SMS come in on the
 * operator's SMPP link and on the GSM modem, from the same phones on both, all at once; each
 * reply leaves through the sendsms of the gateway its SMS came in on, as that gateway's
 * sendsms user, SMSC and sender. Two real HTTP fake Kannels take the replies.
 */

const GATEWAYS = {
  'airtel-smpp': { env: 'AIRTEL_SMPP', secret: 'airtel-get-url-secret-0123', password: 'airtel-sendsms-pw' },
  'tnm-modem': { env: 'TNM_MODEM', secret: 'modem-get-url-secret-0123', password: 'modem-sendsms-pw' },
} as const;
type Name = keyof typeof GATEWAYS;
const NAMES = Object.keys(GATEWAYS) as Name[];
const PHONES = Array.from({ length: 8 }, (_, i) => `+26599100000${i}`);

const fakes = {} as Record<Name, FakeGateway>;

beforeAll(async () => {
  for (const name of NAMES) {
    fakes[name] = await FakeGateway.start();
    fakes[name].answer = () => ({ status: 202, body: '0: Accepted for delivery' });
  }
});
afterAll(async () => {
  for (const fake of Object.values(fakes)) await fake?.close();
});

const running = useCountryApp(malawi, () => ({
  variables: {
    MWANA_ENV: 'production',
    // What a server gets from `mwana migrate` and its own address; the rest is production's.
    MWANA__DATABASE__MIGRATIONS_RUN: 'true',
    MWANA__HTTP__HOST: '127.0.0.1',
    MWANA__CONSOLE__SESSION_SECRET: 's'.repeat(40),
    MWANA__CONTACTS__PIN_PEPPER: 'p'.repeat(40),
    ...Object.fromEntries(
      NAMES.flatMap((name) => {
        const { env, secret, password } = GATEWAYS[name];
        return [
          [`MWANA__BACKENDS__GATEWAYS__${env}__SENDSMS_URL`, `${fakes[name].url}/cgi-bin/sendsms`],
          [`MWANA__BACKENDS__GATEWAYS__${env}__SECRET`, secret],
          [`MWANA__BACKENDS__GATEWAYS__${env}__PASSWORD`, password],
        ];
      }),
    ),
  },
}));

/** The fields of a sendsms request, as Kannel reads them. */
function fields(request: Recorded): Record<string, string> {
  return Object.fromEntries(new URL(request.url, 'http://kannel').searchParams);
}

async function until<T>(
  what: string,
  probe: () => T | null | undefined | false,
  timeoutMs = STARTUP_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("Malawi's production Kannel gateways (real HTTP fake Kannels, PostgreSQL)", () => {
  it('configures the SMPP link and the modem from production.yaml, each with its own user, SMSC and sender', () => {
    const gateways = running().config.section(gatewaysConfig).gateways;
    expect(Object.keys(gateways).sort()).toEqual(['airtel-smpp', 'tester', 'tnm-modem']);
    expect(gateways['airtel-smpp']).toMatchObject({ type: 'kannel', username: 'mwana-airtel', smsc: 'airtel-smpp' });
    expect(gateways['tnm-modem']).toMatchObject({ type: 'kannel', username: 'mwana-modem', smsc: 'tnm-modem' });
    expect(gateways['airtel-smpp'].from).not.toEqual(gateways['tnm-modem'].from);
  });

  it('sends each reply back through the gateway its SMS came in on, for SMS in on both at once', async () => {
    const { url } = running();
    const gateways = running().config.section(gatewaysConfig).gateways;
    const sent = NAMES.flatMap((name) =>
      PHONES.map((phone, i) => {
        const query = new URLSearchParams({
          secret: GATEWAYS[name].secret,
          id: phone,
          text: `hello from ${name}`,
          charset: 'UTF-8',
          coding: '0',
          smsc: name,
          message_id: `${name}-${i}`,
        });
        return fetch(`${url}/backends/${name}/incoming?${query}`);
      }),
    );
    const answers = await Promise.all(sent);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));

    for (const name of NAMES) {
      await until(`${PHONES.length} replies at ${name}'s Kannel`, () => fakes[name].requests.length >= PHONES.length);
    }
    for (const name of NAMES) {
      const replies = fakes[name].requests.map(fields);
      expect(replies.map((reply) => reply.to).sort()).toEqual(PHONES);
      for (const reply of replies) {
        expect(reply).toMatchObject({
          username: gateways[name].username,
          password: GATEWAYS[name].password,
          smsc: gateways[name].smsc,
          from: gateways[name].from,
        });
        expect(reply['dlr-url']).toContain(`/backends/${name}/dlr?`);
        expect(reply.text.length).toBeGreaterThan(0);
      }
    }

    // And the message log says the same: every reply's gateway is the one its SMS came in on.
    const db = new Client({ connectionString: running().database!.url });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT c.backend AS came_in, o.backend AS left_by, count(*)::int AS n
           FROM message o JOIN message i ON i.id = o.in_response_to_id JOIN connection c ON c.id = i.connection_id
          WHERE o.direction = 'out' GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      expect(rows).toEqual(NAMES.map((name) => ({ came_in: name, left_by: name, n: PHONES.length })));
    } finally {
      await db.end();
    }
  });
});

// production.yaml and kannel.conf.sample name the same users, SMSCs, senders and gateway URLs.
describe('kannel.conf.sample matches production.yaml', () => {
  const sample = readFileSync(join(__dirname, '..', 'config', 'kannel.conf.sample'), 'utf8');
  const groups = sample
    .split(/\n(?=group = )/)
    .filter((block) => block.startsWith('group = '))
    .map((block) =>
      Object.fromEntries(
        block
          .split('\n')
          .filter((line) => /^[a-z-]+ = /.test(line))
          .map((line) => {
            const [key, ...value] = line.split(' = ');
            return [key, value.join(' = ').replace(/^"(.*)"$/, '$1')];
          }),
      ),
    );

  // Production's own values, with only the secrets it requires from variables (no test overrides).
  const production = () =>
    loadCountryConfig(malawi, {
      environment: readEnvironment({
        MWANA_ENV: 'production',
        DATABASE_URL: 'postgres://mwana@127.0.0.1:5432/mwana_malawi',
        MWANA__CONSOLE__SESSION_SECRET: 's'.repeat(40),
        MWANA__CONTACTS__PIN_PEPPER: 'p'.repeat(40),
        ...Object.fromEntries(
          NAMES.flatMap((name) => [
            [`MWANA__BACKENDS__GATEWAYS__${GATEWAYS[name].env}__SECRET`, GATEWAYS[name].secret],
            [`MWANA__BACKENDS__GATEWAYS__${GATEWAYS[name].env}__PASSWORD`, GATEWAYS[name].password],
          ]),
        ),
      }),
    }).section(gatewaysConfig).gateways;

  it.each(NAMES)('%s: an SMSC, a sendsms user held to it, and an sms-service posting to its URL', (name) => {
    const options = production()[name];
    expect(groups.filter((g) => g.group === 'smsc' && g['smsc-id'] === options.smsc)).toHaveLength(1);
    expect(groups.filter((g) => g.group === 'sendsms-user' && g.username === options.username)).toEqual([
      expect.objectContaining({ 'forced-smsc': options.smsc, 'default-sender': options.from }),
    ]);
    const [service, ...more] = groups.filter((g) => g.group === 'sms-service' && g['accepted-smsc'] === options.smsc);
    expect(more).toEqual([]);
    const getUrl = new URL(service['get-url']);
    expect(getUrl.pathname).toBe(`/backends/${name}/incoming`);
    expect(Object.fromEntries(getUrl.searchParams)).toMatchObject({ id: '%p', text: '%b', message_id: '%I' });
    expect(service['max-messages']).toBe('0');
    expect(getUrl.host).toBe('127.0.0.1:8000'); // Mwana's own port on this machine (http.port)
    expect(new URL(options.sendsmsUrl as string).port).toBe(groups.find((g) => g.group === 'smsbox')?.['sendsms-port']);
  });
});
