import type { ConversationHarness } from '../../testing/harness';
import { gatewayHarness } from '../../testing/fake-gateway';
import { FakeGateway } from '../../testing/fake-gateway';
import { fuzzSms, sameAsSent } from '../../testing/sms-fuzz';
import { originalText } from '../../text/storable-text';

/** Cases per run here; `bench/sms-fuzz.ts` (in .ci/run) sends 100,000. */
const CASES = 400;
const AT_ONCE = 16;

describe('any text a phone can send is stored (fuzzed Kannel SMS, real HTTP, PostgreSQL)', () => {
  let harness: ConversationHarness;
  let fake: FakeGateway;

  beforeAll(async () => {
    fake = await FakeGateway.start();
    fake.answer = () => ({ status: 202, body: '0: Accepted for delivery' });
    harness = await gatewayHarness({
      zain: {
        type: 'kannel',
        sendsmsUrl: `${fake.url}/cgi-bin/sendsms`,
        username: 'u',
        password: 'p',
        secret: 'fuzz-secret-0001',
      },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it(`answers ${CASES} fuzzed SMS, ${AT_ONCE} at once, with no 5xx, and keeps each one exactly`, async () => {
    const statuses = new Map<number, number>();
    let next = 0;
    const lane = async () => {
      for (let n = next++; n < CASES; n = next++) {
        const sms = fuzzSms(n);
        const url = `${harness.url}/backends/zain/incoming?secret=fuzz-secret-0001&id=%2B2609770${String(n % 1000).padStart(5, '0')}&${sms.query}&message_id=fuzz-${n}`;
        const response = await fetch(url);
        await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, lane));
    expect(Object.fromEntries(statuses)).toEqual({ 200: CASES });

    const rows: Array<{ provider_id: string; text: string; original: string | null }> = await harness.dataSource.query(
      `SELECT provider_id, text, original FROM message WHERE direction = 'in'`,
    );
    const byId = new Map(rows.map((row) => [row.provider_id, row]));
    const wrong: string[] = [];
    for (let n = 0; n < CASES; n++) {
      const row = byId.get(`fuzz-${n}`);
      const { expected, kind } = fuzzSms(n);
      if (!row || !sameAsSent(expected, originalText(row.text, row.original))) wrong.push(`#${n} (${kind})`);
    }
    expect(wrong).toEqual([]);
    expect(rows).toHaveLength(CASES);
    // Some cases needed their original kept; the stored text of every one is valid as it is.
    expect(rows.filter((row) => row.original !== null).length).toBeGreaterThan(CASES / 10);
  });

  it('takes a 255-part UCS-2 SMS in the URL (over 100 kB), not a 431', async () => {
    const text = 'ሰላም'.repeat(17_000 / 3);
    const bytes = Buffer.from(text, 'utf16le').swap16();
    const query = [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    const response = await fetch(
      `${harness.url}/backends/zain/incoming?secret=fuzz-secret-0001&id=0977000001&text=${query}&coding=2&message_id=huge-1`,
    );
    expect(response.status).toBe(200);
    const [row] = await harness.dataSource.query(`SELECT text FROM message WHERE provider_id = 'huge-1'`);
    expect(row.text).toBe(text);
  });

  it('refuses with a 400, storing nothing, a sender or an id no gateway sends', async () => {
    const before = await harness.dataSource.query(`SELECT count(*)::int AS n FROM message`);
    const send = (from: string, id: string) =>
      fetch(`${harness.url}/backends/zain/incoming?secret=fuzz-secret-0001&id=${from}&text=hi&message_id=${id}`);
    expect((await send('0977%00', 'bad-1')).status).toBe(400);
    expect((await send('9'.repeat(65), 'bad-2')).status).toBe(400);
    expect((await send('0977000001', 'x'.repeat(256))).status).toBe(400);
    expect(await harness.dataSource.query(`SELECT count(*)::int AS n FROM message`)).toEqual(before);
  });
});
