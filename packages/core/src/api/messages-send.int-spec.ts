import { ApiTokensService } from '../security/api-tokens.service';
import { ConversationHarness } from '../testing/harness';

interface Sent {
  messages: Array<{ id: string; phone: string; contactId: number | null; parts: number }>;
  replayed: boolean;
  error?: string;
  message?: string;
}

describe('POST /api/messages and GET /api/messages/{id} (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness;
  let sender: string;
  const send = async (body: unknown, key?: string, token = sender) => {
    const response = await fetch(`${harness.url}/api/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Sent };
  };
  const outbound = async (): Promise<number> => {
    const [{ n }] = (await harness.dataSource.query(
      `SELECT count(*)::int AS n FROM message WHERE direction = 'out'`,
    )) as Array<{ n: number }>;
    return n;
  };
  const detail = async (id: string) => {
    const response = await fetch(`${harness.url}/api/messages/${id}`, {
      headers: { authorization: `Bearer ${sender}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    harness = await ConversationHarness.create({ http: true, config: { backends: { pollMs: 0 } } });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    sender = (await harness.get(ApiTokensService).add('script', ['read', 'send'])).token;
  });

  it('sends to phones and contact ids, each recipient once, and answers the queued ids', async () => {
    const mary = await harness.build.contact({ name: 'Mary', phone: '+260977000001' });
    const { status, body } = await send({
      to: { phones: ['0977000001', '+260 977 000 002'], contactIds: [mary.id] },
      text: 'Clinic meeting at 10',
    });
    expect(status).toBe(201);
    expect(body.replayed).toBe(false);
    expect(body.messages.map((m) => [m.phone, m.contactId, m.parts])).toEqual([
      ['+260977000001', mary.id, 1],
      ['+260977000002', null, 1],
    ]);
    const rows = (await harness.dataSource.query(
      `SELECT id::text, text, status, priority, handled_by FROM message WHERE direction = 'out' ORDER BY id`,
    )) as Array<Record<string, string>>;
    expect(rows.map((r) => r.id)).toEqual(body.messages.map((m) => m.id));
    expect(rows.map((r) => [r.text, r.status, r.priority, r.handled_by])).toEqual([
      ['Clinic meeting at 10', 'queued', 'bulk', 'api'],
      ['Clinic meeting at 10', 'queued', 'bulk', 'api'],
    ]);
  });

  it('sends to a role and location filter: active contacts with the role at those places only', async () => {
    const a = await harness.build.contact({ roles: ['cba'], locationId: 7 });
    await harness.build.contact({ roles: ['cba'], locationId: 8 });
    await harness.build.contact({ roles: ['clinic-worker'], locationId: 7 });
    await harness.build.contact({ roles: ['cba'], locationId: 7, active: false });
    const b = await harness.build.contact({ roles: ['cba', 'clinic-worker'], locationId: 9 });
    const { status, body } = await send({ to: { roles: ['cba'], locationIds: [7, 9] }, text: 'Training on Friday' });
    expect(status).toBe(201);
    expect(body.messages.map((m) => m.contactId).sort()).toEqual([a.id, b.id].sort());
  });

  it('refuses what it cannot send with a reason, queueing nothing', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ to: {}, text: 'x' }, 400, 'to'],
      [{ to: { phones: ['0977000001'] }, text: '' }, 400, 'text'],
      [{ to: { phones: ['0977000001'] }, text: 'x', colour: 'red' }, 400, 'colour'],
      [{ to: { phones: ['not a phone'] }, text: 'x' }, 400, 'not a phone'],
      [{ to: { contactIds: [999] }, text: 'x' }, 400, '999'],
      [{ to: { phones: ['0977000001'] }, text: 'x', gateway: 'nowhere' }, 400, 'nowhere'],
    ];
    for (const [body, status, mentions] of cases) {
      const answer = await send(body);
      expect([answer.status, answer.body.message?.includes(mentions)]).toEqual([status, true]);
    }
    expect(await outbound()).toBe(0);
    const reader = (await harness.get(ApiTokensService).add('reader', ['read'])).token;
    expect((await send({ to: { phones: ['0977000001'] }, text: 'x' }, undefined, reader)).status).toBe(403);
    expect(await outbound()).toBe(0);
  });

  it('queues once for one Idempotency-Key, also when 20 requests with it race; another body is refused', async () => {
    const body = { to: { phones: ['0977000001', '0977000002'] }, text: 'Stock count due' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(body, 'batch-2026-01-05')));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200 && a.body.replayed)).toHaveLength(19);
    const ids = answers[0].body.messages.map((m) => m.id);
    for (const a of answers) expect(a.body.messages.map((m) => m.id)).toEqual(ids);
    expect(await outbound()).toBe(2);
    const reused = await send({ ...body, text: 'Something else' }, 'batch-2026-01-05');
    expect([reused.status, reused.body.error]).toEqual([422, 'idempotency-key-reused']);
    // Keys are per client: another token's same key is its own.
    const other = (await harness.get(ApiTokensService).add('other', ['send'])).token;
    expect((await send(body, 'batch-2026-01-05', other)).status).toBe(201);
    expect(await send(body, 'batch-2026-01-06')).toMatchObject({ status: 201 });
    expect(await outbound()).toBe(6);
  });

  it('keeps a long text as one message with its parts, and shows its status history', async () => {
    const text = `${'word '.repeat(30)}and ${'more '.repeat(15)}end`; // 232 characters: two SMS
    const { body } = await send({ to: { phones: ['0977000003'] }, text });
    expect(body.messages).toHaveLength(1);
    const [sent] = body.messages;
    expect(sent.parts).toBe(2);
    const parts = (await harness.dataSource.query(
      `SELECT id::text, part, part_of_id::text FROM message WHERE direction = 'out' ORDER BY id`,
    )) as Array<{ id: string; part: number; part_of_id: string | null }>;
    expect(parts).toEqual([
      { id: sent.id, part: 1, part_of_id: null },
      { id: expect.any(String) as string, part: 2, part_of_id: sent.id },
    ]);
    await harness.dataSource.query(
      `UPDATE message SET status = 'sent', sent_at = now(), updated_at = now() WHERE id = ANY($1::bigint[])`,
      [parts.map((p) => p.id)],
    );
    const { status, body: shown } = await detail(parts[1].id); // a later part answers its message
    expect(status).toBe(200);
    expect(shown.id).toBe(sent.id);
    const shownParts = shown.parts as Array<{ id: string; part: number; text: string; status: string }>;
    expect(shownParts.map((p) => [p.id, p.part, p.status])).toEqual([
      [parts[0].id, 1, 'sent'],
      [parts[1].id, 2, 'sent'],
    ]);
    expect(shownParts.map((p) => p.text).join(' ')).toBe(text.replace(/\s+/g, ' '));
    const history = shown.history as Array<{ messageId: string; status: string }>;
    expect(history.map((h) => [h.messageId, h.status])).toEqual([
      [parts[0].id, 'queued'],
      [parts[1].id, 'queued'],
      [parts[0].id, 'sent'],
      [parts[1].id, 'sent'],
    ]);
    // The list shows it once, with both parts' text.
    const list = (await (
      await fetch(`${harness.url}/api/messages?direction=out`, { headers: { authorization: `Bearer ${sender}` } })
    ).json()) as { messages: Array<{ id: string; parts: number; text: string; segments: number }> };
    expect(list.messages.map((m) => [m.id, m.parts, m.segments])).toEqual([[sent.id, 2, 2]]);
    expect(list.messages[0].text).toBe(shownParts.map((p) => p.text).join(' '));
    expect((await detail('99999')).status).toBe(404);
    expect((await detail('abc')).status).toBe(400);
  });
});
