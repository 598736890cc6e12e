import { join } from 'node:path';
import { LocationImporter } from '@mwana/app-locations';
import { ConsoleUsersService, registeredMessages, Scheduler } from '@mwana/core';
import { ConsoleClient, STARTUP_TIMEOUT_MS, TesterPhones, useCountryApp } from '@mwana/core/testing';
import { Client } from 'pg';
import { malawi } from '../src/country';

/*
 * Zambia's own code (its role-aware replies, blacklist and user verification, in
 * countries/zambia/src) is not part of Malawi: Malawi answers what no app handled with the
 * generic reply composed from the keywords it has installed (docs/keywords.md#default-reply),
 * has no blacklist table, page or command, asks nobody to verify, and a NO is just a message.
 */

const TOKEN = 'e2e-token-malawi-0123456789abcdef';
// The composed reply lists the advertised keywords of whatever is installed, JOIN first.
const GENERIC =
  /^Invalid Keyword\. Valid keywords are JOIN(, [A-Z]+)* and [A-Z]+\. Respond with any keyword( or HELP)? for more information\.$/;

describe("Zambia's own behaviour is not in Malawi (real HTTP and PostgreSQL)", () => {
  const running = useCountryApp(malawi, { variables: { MWANA__CONSOLE__API_TOKENS__E2E: TOKEN } });
  let phones: TesterPhones;
  // Read straight from the database: Malawi's own code has no data source of its own.
  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: running().database!.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    const importer = running().app.get(LocationImporter);
    await importer.importFile(join(malawi.dir, 'data', 'locations.csv'));
    await importer.importFile(join(malawi.dir, 'data', 'sample-facilities.csv'));
    phones = new TesterPhones(running().url, TOKEN);
    await phones.send('0888000001', 'JOIN clinic 2002 Chikondi Banda 1234');
  }, STARTUP_TIMEOUT_MS);

  it('answers a stranger, a clinic worker, four digits and a bare NO with the generic reply', async () => {
    for (const [phone, text] of [
      ['0888000099', 'hello'],
      ['0888000001', 'what do I send'],
      ['0888000001', '1234'],
      ['0888000001', 'remind me tomorrow'],
      ['0888000001', 'NO'],
    ]) {
      const replies = await phones.send(phone, text);
      expect([text, replies.length]).toEqual([text, 1]);
      expect(replies[0]).toMatch(GENERIC);
    }
    const inbound = await query<{ status: string }>(
      `SELECT status FROM message WHERE direction = 'in' AND text = 'NO'`,
    );
    expect(inbound).toEqual([{ status: 'unhandled' }]);
  });

  it('has no blacklist, no verification jobs, pages or tables, and none of their texts', async () => {
    const tables = await query<{ name: string | null }>(
      `SELECT to_regclass(t)::text AS name FROM unnest(ARRAY['blocked_phone', 'user_verification', 'user_deactivation']) t`,
    );
    expect(tables.map((t) => t.name)).toEqual([null, null, null]);
    expect(
      running()
        .app.get(Scheduler)
        .jobs.map((j) => j.options.name),
    ).not.toContainEqual(expect.stringMatching(/^zambia\./));
    expect(registeredMessages().filter((m) => m.domain === 'zambia')).toEqual([]);
    await running().app.get(ConsoleUsersService).add('ana', 'correct horse battery');
    const browser = new ConsoleClient(running().url);
    expect((await browser.login('ana', 'correct horse battery')).status).toBe(303);
    for (const path of ['/console/blacklist', '/console/verification']) {
      expect([path, (await browser.get(path)).status]).toEqual([path, 404]);
    }
    expect(await browser.page('/console/messages')).not.toContain('Blocked phones');
  });
});
