import { rmSync } from 'node:fs';
import { registeredMessages } from '../i18n/messages';
import { ConsoleClient, csrfOf } from '../testing/console-client';
import { ConversationHarness } from '../testing/harness';
import { stateOf, writeBembaCatalogue } from './__fixtures__/bemba-catalogue';
import { SHUTDOWN_TIMEOUT_MS, STARTUP_TIMEOUT_MS } from '../testing/timeouts';

const count = (page: string, what: string) =>
  Number(new RegExp(`<tr id="counts">.*?data-label="${what}">(\\d+)<`, 's').exec(page)?.[1]);

describe('console Translations page: counts, entries and approvals (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness;
  let client: ConsoleClient;
  let locale: string;

  beforeAll(async () => {
    locale = writeBembaCatalogue();
    harness = await ConversationHarness.create({ http: true, localeDirs: [locale] });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await harness?.close();
    rmSync(locale, { recursive: true, force: true });
  }, SHUTDOWN_TIMEOUT_MS);
  beforeEach(async () => {
    await harness.reset();
    await harness.dataSource.query('DELETE FROM translation_approval');
    client = await ConsoleClient.loggedIn(harness);
  });

  it('counts translated, fuzzy and missing per language and lists every text', async () => {
    const total = registeredMessages().length;
    const overview = await client.page('/console/translations');
    expect(overview).toContain('href="/console/translations?language=bem">Bemba (bem)</a>');
    expect(overview).not.toContain('language=en'); // English is the source
    const page = await client.page('/console/translations?language=bem');
    expect([count(page, 'translated'), count(page, 'fuzzy'), count(page, 'missing')]).toEqual([1, 2, total - 3]);
    expect(stateOf(page, 'router.errorReply')).toBe('translated');
    expect(stateOf(page, 'contacts.leaveDone')).toBe('fuzzy');
    expect(stateOf(page, 'contacts.leaveUnknown')).toBe('missing');
    expect([...page.matchAll(/data-entry="/g)]).toHaveLength(total);
    const fuzzyOnly = await client.page('/console/translations?language=bem&state=fuzzy');
    expect([...fuzzyOnly.matchAll(/data-entry="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual([
      'contacts.languageUnknownSender',
      'contacts.leaveDone',
    ]);
  });

  it('records one approval when many reviewers approve the same draft at once, and counts it translated', async () => {
    const csrf = csrfOf(await client.page('/console/translations?language=bem'));
    const form = { _csrf: csrf, action: 'approve', language: 'bem', entry: 'contacts.leaveDone' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => client.post('/console/translations', form)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(303));
    const rows = await harness.dataSource.query<{ approved_by: string; msgstr: string[] }[]>(
      'SELECT approved_by, msgstr FROM translation_approval',
    );
    expect(rows).toEqual([
      { approved_by: 'ana', msgstr: ['Mwafuma bwino mu Mwana, {name}. Twaumfwa bubi ukuti mulefuma.'] },
    ]);
    const page = await client.page('/console/translations?language=bem');
    expect([count(page, 'translated'), count(page, 'fuzzy')]).toEqual([2, 1]);
    expect(stateOf(page, 'contacts.leaveDone')).toBe('translated');
    expect(page).toContain('approved by ana, 2026-01-05 11:00');
  });

  it('refuses what cannot be approved with a clear error, and records nothing', async () => {
    const csrf = csrfOf(await client.page('/console/translations?language=bem'));
    const tries: Array<[Record<string, string>, string]> = [
      [
        { language: 'bem', entry: 'contacts.leaveUnknown' },
        'contacts.leaveUnknown has no Bemba translation to approve.',
      ],
      [{ language: 'bem', entry: 'router.errorReply' }, 'router.errorReply is already reviewed in Bemba.'],
      [{ language: 'bem', entry: 'nothing.here' }, 'There is no text nothing.here.'],
      [{ language: 'en', entry: 'contacts.leaveDone' }, "en is not one of the country's languages to translate."],
    ];
    for (const [fields, error] of tries) {
      const answer = await client.post('/console/translations', { _csrf: csrf, action: 'approve', ...fields });
      expect(answer.status).toBe(303);
      const back = answer.headers.get('location') ?? '';
      expect(await client.page(back)).toContain(error.replace("'", '&#39;'));
    }
    expect(await harness.dataSource.query('SELECT * FROM translation_approval')).toEqual([]);
  });
});
