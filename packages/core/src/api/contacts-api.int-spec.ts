import { ContactRoles } from '../contacts/contact-roles';
import { ContactsService } from '../contacts/contacts.service';
import { ApiTokensService } from '../security/api-tokens.service';
import { ConversationHarness } from '../testing/harness';

@ContactRoles({ app: 'test', roles: { cba: 'community agent', 'clinic-worker': 'clinic staff' } })
class TestRoles {}

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: string; message?: string };
}

describe('/api/contacts (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness;
  let admin: string;
  let reader: string;

  const call = async (method: string, path: string, body?: unknown, token: string | null = admin): Promise<Answer> => {
    const response = await fetch(`${harness.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  /** Every contact row and linked phone, to show a refused request changed nothing. */
  const snapshot = async (): Promise<unknown> =>
    harness.dataSource.query(
      `SELECT c.id, c.name, c.roles, c.location_id, c.language, c.active,
              array_remove(array_agg(n.identity ORDER BY n.identity), NULL) AS phones
         FROM contact c LEFT JOIN connection n ON n.contact_id = c.id GROUP BY c.id ORDER BY c.id`,
    );

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      http: true,
      providers: [TestRoles],
      config: { backends: { pollMs: 0 }, http: { rateLimit: { tokens: { max: 1000 }, perToken: { max: 1000 } } } },
    });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    admin = (await harness.get(ApiTokensService).add('onboarding', ['read', 'admin'])).token;
    reader = (await harness.get(ApiTokensService).add('dashboard', ['read'])).token;
  });

  it('creates a contact with its phones, roles, location and language, and reads it back', async () => {
    const created = await call('POST', '/api/contacts', {
      name: ' Mary Phiri ',
      phones: ['0977 000 001', '+260966000002'],
      roles: ['clinic-worker'],
      locationId: 7,
      language: 'Bemba',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Mary Phiri',
      phones: ['+260977000001', '+260966000002'],
      roles: ['clinic-worker'],
      locationId: 7,
      language: 'bem',
      active: true,
      helpAdmin: false,
    });
    const id = created.body.id as number;
    const read = await call('GET', `/api/contacts/${id}`, undefined, reader);
    expect(read).toEqual({ status: 200, body: created.body });
    // The router knows her by either phone.
    const found = await harness.get(ContactsService).findByPhone('0966000002');
    expect(found?.contact?.id).toBe(id);
    expect((await call('GET', '/api/contacts/999', undefined, reader)).status).toBe(404);
  });

  it('pages a few hundred contacts by cursor in id order, filters and all, each once, in the shape GET /:id answers', async () => {
    // 250 contacts, every third a clinic worker, every seventh deactivated, each with a phone.
    await harness.dataSource.query(
      `WITH made AS (
         INSERT INTO contact (name, roles, active, location_id)
         SELECT 'Worker ' || i, CASE WHEN i % 3 = 0 THEN ARRAY['clinic-worker'] ELSE ARRAY['cba'] END, i % 7 <> 0, 7
           FROM generate_series(1, 250) AS i RETURNING id)
       INSERT INTO connection (backend, identity, contact_id) SELECT 'tester', '+260977' || lpad(id::text, 6, '0'), id FROM made`,
    );
    const expected = async (where: string): Promise<number[]> =>
      (await harness.dataSource.query(`SELECT id FROM contact c WHERE ${where} ORDER BY id`)).map(
        (r: { id: number }) => r.id,
      );
    const walk = async (query: string, limit: number): Promise<{ ids: number[]; pages: number[] }> => {
      const ids: number[] = [];
      const pages: number[] = [];
      let cursor: string | null = '0';
      while (cursor !== null) {
        const page = await call('GET', `/api/contacts?${query}&limit=${limit}&cursor=${cursor}`, undefined, reader);
        expect(page.status).toBe(200);
        const contacts = page.body.contacts as Array<{ id: number }>;
        ids.push(...contacts.map((c) => c.id));
        pages.push(contacts.length);
        cursor = page.body.next as string | null;
        if (cursor !== null) expect(cursor).toBe(String(contacts[contacts.length - 1].id));
      }
      return { ids, pages };
    };
    const all = await walk('inactive=true', 50);
    expect(all).toEqual({ ids: await expected('TRUE'), pages: [50, 50, 50, 50, 50] }); // no empty page after a full one
    const staff = await walk('role=clinic-worker', 20);
    expect(staff.ids).toEqual(await expected(`'clinic-worker' = ANY(c.roles) AND c.active`));
    expect(staff.pages.every((n) => n <= 20)).toBe(true);
    const one = await call('GET', '/api/contacts?limit=1', undefined, reader);
    const first = (one.body.contacts as Array<{ id: number }>)[0];
    expect(first).toEqual((await call('GET', `/api/contacts/${first.id}`, undefined, reader)).body);
    const past = await call('GET', `/api/contacts?cursor=${all.ids[all.ids.length - 1]}`, undefined, reader);
    expect(past.body).toEqual({ contacts: [], next: null });
  });

  it('lists by role and location, active ones unless inactive=true, paged by cursor', async () => {
    const make = async (name: string, phone: string, roles: string[], locationId: number) =>
      (await call('POST', '/api/contacts', { name, phones: [phone], roles, locationId })).body.id as number;
    const a = await make('A', '0977000001', ['cba'], 7);
    const b = await make('B', '0977000002', ['cba', 'clinic-worker'], 8);
    const c = await make('C', '0977000003', ['clinic-worker'], 7);
    const d = await make('D', '0977000004', ['cba'], 7);
    expect((await call('POST', `/api/contacts/${d}/deactivate`)).status).toBe(200);
    const ids = async (query: string) =>
      ((await call('GET', `/api/contacts${query}`, undefined, reader)).body.contacts as Array<{ id: number }>).map(
        (x) => x.id,
      );
    expect(await ids('')).toEqual([a, b, c]);
    expect(await ids('?role=cba')).toEqual([a, b]);
    expect(await ids('?locationId=7')).toEqual([a, c]);
    expect(await ids('?role=cba&locationId=7')).toEqual([a]);
    expect(await ids('?role=cba&locationId=7&inactive=true')).toEqual([a, d]);
    const first = await call('GET', '/api/contacts?limit=2', undefined, reader);
    expect([(first.body.contacts as unknown[]).length, first.body.next]).toEqual([2, String(b)]);
    const second = await call('GET', `/api/contacts?limit=2&cursor=${b}`, undefined, reader);
    expect([(second.body.contacts as Array<{ id: number }>).map((x) => x.id), second.body.next]).toEqual([[c], null]);
    expect((await call('GET', '/api/contacts?role=cba&colour=red', undefined, reader)).status).toBe(400);
  });

  it('asks for a token, and the admin scope to write; refused requests change nothing', async () => {
    const body = { name: 'Mary', phones: ['0977000001'], roles: ['cba'] };
    expect((await call('POST', '/api/contacts', body, null)).status).toBe(401);
    expect((await call('GET', '/api/contacts', undefined, null)).status).toBe(401);
    expect((await call('POST', '/api/contacts', body, 'mwana_not-a-token')).status).toBe(401);
    const denied = await call('POST', '/api/contacts', body, reader);
    expect([denied.status, denied.body.message]).toEqual([403, 'This API token lacks the scope "admin".']);
    const sender = (await harness.get(ApiTokensService).add('sender', ['read', 'send'])).token;
    expect((await call('POST', '/api/contacts', body, sender)).status).toBe(403);
    expect(await snapshot()).toEqual([]);
    const id = (await call('POST', '/api/contacts', body)).body.id as number;
    const before = await snapshot();
    expect((await call('PATCH', `/api/contacts/${id}`, { name: 'X' }, reader)).status).toBe(403);
    expect((await call('POST', `/api/contacts/${id}/deactivate`, undefined, sender)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad input with the reason, changing nothing', async () => {
    const id = (await call('POST', '/api/contacts', { name: 'Mary', phones: ['0977000001'], roles: ['cba'] })).body
      .id as number;
    const before = await snapshot();
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/api/contacts', { phones: ['0977000002'] }, 400, 'name'],
      ['POST', '/api/contacts', { name: 'Ann', phones: [] }, 400, 'phones'],
      ['POST', '/api/contacts', { name: 'Ann', phones: ['not a phone'] }, 400, 'not a phone'],
      ['POST', '/api/contacts', { name: 'Ann', phones: ['0977000002'], roles: ['nurse'] }, 400, 'nurse'],
      ['POST', '/api/contacts', { name: 'Ann', phones: ['0977000002'], language: 'klingon' }, 400, 'klingon'],
      ['POST', '/api/contacts', { name: 'Ann', phones: ['0977000002'], pin: '1234' }, 400, 'pin'],
      ['POST', '/api/contacts', { name: 'Ann', phones: ['0977000002'], locationId: -1 }, 400, 'locationId'],
      ['POST', '/api/contacts', { name: 'Ann', phones: ['0977000002', '+260977000001'] }, 409, "Mary's"],
      ['PATCH', `/api/contacts/${id}`, {}, 400, 'at least one field'],
      ['PATCH', `/api/contacts/${id}`, { roles: ['cba', 'nurse'] }, 400, 'nurse'],
      ['PATCH', `/api/contacts/${id}`, { name: 'Mary B', phones: ['12'] }, 400, 'phones'],
      ['PATCH', `/api/contacts/${id}`, { name: 'Mary B', language: 'xx' }, 400, 'xx'],
      ['PATCH', '/api/contacts/999', { name: 'Nobody' }, 404, '999'],
      ['PATCH', '/api/contacts/abc', { name: 'Nobody' }, 400, 'id'],
      ['POST', '/api/contacts/999/deactivate', undefined, 404, '999'],
    ];
    for (const [method, path, body, status, mentions] of cases) {
      const answer = await call(method, path, body);
      expect([method, path, answer.status, answer.body.message?.includes(mentions)]).toEqual([
        method,
        path,
        status,
        true,
      ]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('updates the fields given: phones and roles replace its own', async () => {
    const mary = (
      await call('POST', '/api/contacts', {
        name: 'Mary',
        phones: ['0977000001', '0977000002'],
        roles: ['cba'],
        locationId: 7,
        language: 'bem',
      })
    ).body;
    const ann = (await call('POST', '/api/contacts', { name: 'Ann', phones: ['0977000009'] })).body;
    const updated = await call('PATCH', `/api/contacts/${mary.id as number}`, {
      name: 'Mary Banda',
      phones: ['0977000002', '0977000003'],
      roles: ['clinic-worker', 'cba'],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'Mary Banda',
      phones: ['+260977000002', '+260977000003'],
      roles: ['cba', 'clinic-worker'],
      locationId: 7,
      language: 'bem',
    });
    const contacts = harness.get(ContactsService);
    expect((await contacts.findByPhone('0977000001'))?.contact).toBeNull();
    expect(
      (await call('PATCH', `/api/contacts/${mary.id as number}`, { locationId: null, language: null })).body,
    ).toMatchObject({ locationId: null, language: null, roles: ['cba', 'clinic-worker'] });
    // Another contact's phone is refused, and nothing of the request is applied.
    const taken = await call('PATCH', `/api/contacts/${ann.id as number}`, {
      name: 'Ann Tembo',
      phones: ['0977000003'],
    });
    expect([taken.status, taken.body.error]).toEqual([409, 'phone-taken']);
    expect((await call('GET', `/api/contacts/${ann.id as number}`)).body).toMatchObject({
      name: 'Ann',
      phones: ['+260977000009'],
    });
  });

  it('deactivates: kept, phones unlinked, reached no more; its phones free for a new contact', async () => {
    const mary = (await call('POST', '/api/contacts', { name: 'Mary', phones: ['0977000001'], roles: ['cba'] })).body;
    const done = await call('POST', `/api/contacts/${mary.id as number}/deactivate`);
    expect(done).toMatchObject({ status: 200, body: { id: mary.id, active: false, phones: [] } });
    expect(await harness.get(ContactsService).recipients({ roles: ['cba'] })).toEqual([]);
    expect((await call('GET', `/api/contacts/${mary.id as number}`)).body).toMatchObject({ active: false });
    const again = await call('POST', '/api/contacts', { name: 'Mary', phones: ['+260977000001'] });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(mary.id);
  });

  it('makes one contact when 20 requests create the same phone at once', async () => {
    const writings = ['0977000001', '+260977000001', '260977000001', '0977 000 001'];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call('POST', '/api/contacts', { name: `Mary ${i}`, phones: [writings[i % 4]], roles: ['cba'] }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.error === 'phone-taken')).toHaveLength(19);
    const rows = (await snapshot()) as Array<{ phones: string[] }>;
    expect(rows.map((r) => r.phones)).toEqual([['+260977000001']]);
  });
});
