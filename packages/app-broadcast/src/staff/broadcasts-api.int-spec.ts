import type { Location } from '@mwana/app-locations';
import { ApiTokensService, type ConversationHarness, STARTUP_TIMEOUT_MS, validateOpenApi } from '@mwana/core/testing';
import { type BroadcastBuilders, createBroadcastHarness } from '../testing/broadcast.harness';

interface Answer {
  id?: number | null;
  label?: string;
  recipients?: number;
  parts?: number;
  segments?: number;
  totalSegments?: number;
  encoding?: string;
  messageIds?: string[];
  replayed?: boolean;
  error?: string;
  message?: string;
}

describe('POST /api/broadcasts (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness<BroadcastBuilders>;
  let token: string;
  let ndola: Location;
  let kawama: Location;
  let kitwe: Location;

  const post = async (body: unknown, key?: string, bearer = token): Promise<{ status: number; body: Answer }> => {
    const response = await fetch(`${harness.url}/api/broadcasts`, {
      method: 'POST',
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };
  const count = async (sql: string): Promise<number> => ((await harness.dataSource.query(sql)) as [{ n: number }])[0].n;
  const outbound = () => count("SELECT count(*)::int AS n FROM message WHERE direction = 'out'");
  const broadcasts = () => count('SELECT count(*)::int AS n FROM broadcast');

  beforeAll(async () => {
    harness = await createBroadcastHarness({ http: true, broadcast: { maxRecipients: 3 } });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    token = (await harness.get(ApiTokensService).add('dhis2', ['read', 'send'])).token;
    const b = harness.build;
    const province = await b.place({ code: '400000', name: 'Copperbelt', kind: 'province' });
    ndola = await b.place({ code: '403000', name: 'Ndola', kind: 'district', parent: province });
    const chifubu = await b.place({ code: '403012', name: 'Chifubu Clinic', parent: ndola });
    const zone = await b.place({ code: '403012-3', name: '3', kind: 'zone', parent: chifubu });
    kawama = await b.place({ code: '403013', name: 'Kawama Clinic', parent: ndola });
    kitwe = await b.place({ code: '402000', name: 'Kitwe', kind: 'district', parent: province });
    const buchi = await b.place({ code: '402011', name: 'Buchi Clinic', parent: kitwe });
    await b.person('Mary Phiri', '+260977000001', ['cba'], zone);
    await b.person('Peter Daka', '+260977000002', ['cba'], kawama);
    await b.person('Ruth Tembo', '+260977000003', ['clinic-worker'], chifubu);
    await b.person('Joe Banda', '+260977000004', ['cba'], buchi);
    await b.person('Lab Tech', '+260977000005', ['lab-worker'], chifubu);
    await b.person('Gone Away', '+260977000006', ['cba'], kawama, { active: false });
  });

  it('queues one message per contact with the role at or below the locations, recorded as one broadcast', async () => {
    const { status, body } = await post({
      to: { roles: ['cba'], locationIds: [ndola.id] },
      text: 'Stock count Friday',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      label: 'cba at Ndola',
      recipients: 2,
      parts: 1,
      segments: 1,
      totalSegments: 2,
      encoding: 'GSM-7',
      replayed: false,
    });
    const rows: Array<{ id: string; identity: string; text: string; status: string; priority: string }> =
      await harness.dataSource.query(
        `SELECT m.id::text, c.identity, m.text, m.status, m.priority FROM message m JOIN connection c ON c.id = m.connection_id
          WHERE m.direction = 'out' ORDER BY m.id`,
      );
    expect(rows.map((r) => r.id)).toEqual(body.messageIds);
    expect(rows.map((r) => [r.identity, r.text, r.status, r.priority])).toEqual([
      ['+260977000001', 'Stock count Friday', 'queued', 'bulk'],
      ['+260977000002', 'Stock count Friday', 'queued', 'bulk'],
    ]);
    const [record]: Array<{ id: number; console_user: string; recipients: number }> = await harness.dataSource.query(
      'SELECT id, console_user, recipients FROM broadcast',
    );
    expect(record).toEqual({ id: body.id, console_user: 'token:dhis2', recipients: 2 });
    // Two places, any role: everyone under both districts but lab staff; nothing but the filter.
    const all = await post({ to: { locationIds: [ndola.id, kitwe.id] }, text: 'Everyone', dryRun: true });
    expect([all.status, all.body.recipients, all.body.id, all.body.messageIds]).toEqual([200, 4, null, []]);
    const uc = await post({
      to: { roles: ['cba', 'clinic-worker'], locationIds: [kawama.id] },
      text: 'Zikomo 😀',
      dryRun: true,
    });
    expect(uc.body).toMatchObject({ recipients: 1, encoding: 'UCS-2' });
    expect([await outbound(), await broadcasts()]).toEqual([2, 1]);
  });

  it('asks for a token with the send scope', async () => {
    const body = { to: { roles: ['cba'] }, text: 'hello' };
    expect((await post(body, undefined, '')).status).toBe(401);
    expect((await post(body, undefined, 'not-a-token')).status).toBe(401);
    const reader = (await harness.get(ApiTokensService).add('reader', ['read'])).token;
    expect((await post(body, undefined, reader)).status).toBe(403);
    expect(await outbound()).toBe(0);
  });

  it('refuses bad bodies, unknown roles and places, nobody and too many, changing nothing', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ to: {}, text: '' }, 400, 'text'],
      [{ to: { roles: ['cba'] }, text: 'x', extra: 1 }, 400, 'extra'],
      [{ to: { roles: ['CBA!'] }, text: 'x' }, 400, 'to.roles.0'],
      [{ to: { roles: ['patient'] }, text: 'x' }, 400, 'No role a broadcast may go to is named patient.'],
      [{ to: { roles: ['lab-worker'] }, text: 'x' }, 400, 'named lab-worker'],
      [{ to: { locationIds: [999999] }, text: 'x' }, 400, 'No location has the id 999999.'],
      [{ to: { roles: ['district-worker'] }, text: 'x' }, 422, 'Nobody matches'],
      [{ to: {}, text: 'x' }, 400, 'name roles and/or locationIds'],
      [{ to: { locationIds: [ndola.id, kitwe.id] }, text: 'x' }, 422, 'more than the 3 a broadcast may reach'],
      [{ to: { roles: ['cba'] }, text: 'x'.repeat(1601) }, 400, 'text'],
    ];
    for (const [body, status, says] of cases) {
      const answer = await post(body);
      expect([JSON.stringify(body).slice(0, 60), answer.status, answer.body.message]).toEqual([
        JSON.stringify(body).slice(0, 60),
        status,
        expect.stringContaining(says),
      ]);
    }
    expect([await outbound(), await broadcasts()]).toEqual([0, 0]);
  });

  it('queues once for one Idempotency-Key, also when 20 requests with it race; another body or route is refused', async () => {
    const body = { to: { roles: ['cba'], locationIds: [ndola.id] }, text: 'Training Monday' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(body, 'training-2026-01-12')));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200 && a.body.replayed)).toHaveLength(19);
    for (const a of answers)
      expect([a.body.id, a.body.messageIds]).toEqual([answers[0].body.id, answers[0].body.messageIds]);
    expect([await outbound(), await broadcasts()]).toEqual([2, 1]);
    const reused = await post({ ...body, text: 'Training Tuesday' }, 'training-2026-01-12');
    expect([reused.status, reused.body.error]).toEqual([422, 'idempotency-key-reused']);
    // A key POST /api/messages took is not this route's.
    const message = await fetch(`${harness.url}/api/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'shared' },
      body: JSON.stringify({ to: { phones: ['+260977000009'] }, text: 'Training Monday' }),
    });
    expect(message.status).toBe(201);
    expect((await post(body, 'shared')).status).toBe(422);
    expect((await post(body, 'training-2026-01-13')).status).toBe(201);
    expect([await outbound(), await broadcasts()]).toEqual([5, 2]);
  });

  it('is in the OpenAPI document, from the schema the route validates with, and the document stays valid', async () => {
    const doc = (await (await fetch(`${harness.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(doc.paths['/api/broadcasts'].post.parameters?.map((p) => p.name)).toEqual(['idempotency-key']);
    expect(Object.keys(doc.components.schemas.SendBroadcast.properties ?? {}).sort()).toEqual(['dryRun', 'text', 'to']);
    expect(doc.components.schemas.SendBroadcast.required).toEqual(['to', 'text']);
    expect(Object.keys(doc.components.schemas.BroadcastResult.properties ?? {})).toContain('messageIds');
    expect(await validateOpenApi(doc)).toBeNull();
  });
});
