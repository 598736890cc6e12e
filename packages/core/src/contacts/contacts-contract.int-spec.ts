import type { EntityManager } from 'typeorm';
import { ConversationHarness } from '../testing/harness';
import { ContactRoles } from './contact-roles';
import { ContactsErrorCode } from './contacts.error';
import { ContactsService } from './contacts.service';

@ContactRoles({ app: 'test', roles: { 'clinic-worker': 'clinic staff', cba: 'community agent' } })
class TestRoles {}

/** A manager whose statements are counted: "one query", not N+1. */
function counting(db: EntityManager): { db: EntityManager; statements: () => number } {
  let statements = 0;
  const counted = new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'query') {
        return (...args: Parameters<EntityManager['query']>) => {
          statements += 1;
          return target.query(...args);
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { db: counted, statements: () => statements };
}

describe('the contacts contract', () => {
  let harness: ConversationHarness;
  let contacts: ContactsService;

  beforeAll(async () => {
    harness = await ConversationHarness.create({ providers: [TestRoles] });
    contacts = harness.get(ContactsService);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('registers a contact on a phone, finds it by the phone however written, and links and unlinks phones', async () => {
    const mary = await contacts.register({
      name: ' Mary Phiri ',
      roles: ['clinic-worker'],
      locationId: 7,
      pin: '1234',
      connection: { backend: 'tester', phone: '0977 000 001' },
    });
    expect(mary).toMatchObject({ name: 'Mary Phiri', roles: ['clinic-worker'], locationId: 7, active: true });
    const found = await contacts.findByPhone('+260977000001');
    expect(found?.contact?.id).toBe(mary.id);
    expect(found?.connection).toMatchObject({ backend: 'tester', identity: '+260977000001', contactId: mary.id });
    expect(await contacts.findByPhone('0977000001', undefined, { backend: 'other' })).toBeNull();

    const second = await contacts.link({ backend: 'airtel', phone: '0966000001' }, mary.id);
    expect((await contacts.connectionsOf([mary.id])).get(mary.id)?.map((c) => c.identity)).toEqual([
      '+260977000001',
      '+260966000001',
    ]);
    expect((await contacts.defaultConnections([mary.id])).get(mary.id)?.identity).toBe('+260977000001');
    await contacts.unlink(second);
    expect((await contacts.connections([second.id]))[0]).toMatchObject({ contact: null });
  });

  it('adds roles after the ones a contact has, once each, and refuses a role no app declared', async () => {
    const agent = await contacts.register({ name: 'Agent', roles: ['cba'] });
    expect((await contacts.update(agent.id, { addRoles: ['clinic-worker', 'cba'] })).roles).toEqual([
      'cba',
      'clinic-worker',
    ]);
    await expect(contacts.register({ name: 'Nobody', roles: ['wizard'] })).rejects.toMatchObject({
      code: ContactsErrorCode.UnknownRole,
    });
    await expect(contacts.update(agent.id, { addRoles: ['wizard'] })).rejects.toMatchObject({
      code: ContactsErrorCode.UnknownRole,
    });
    expect((await contacts.findById(agent.id))?.roles).toEqual(['cba', 'clinic-worker']);
    expect(await contacts.find({ includeInactive: true })).toHaveLength(1);
  });

  it('deactivates a contact: kept, its phones unlinked, out of every query', async () => {
    const mary = await contacts.register({
      name: 'Mary',
      roles: ['cba'],
      locationId: 3,
      connection: { backend: 'tester', phone: '0977000001' },
    });
    await contacts.deactivate(mary.id);
    expect(await contacts.findById(mary.id)).toMatchObject({ active: false });
    expect((await contacts.findByPhone('0977000001'))?.contact).toBeNull();
    expect(await contacts.recipients({ roles: ['cba'], locationIds: [3] })).toEqual([]);
    expect(await contacts.find({ locationIds: [3], includeInactive: true })).toHaveLength(1);
  });

  it('reads contacts by role and location with their default connection in one statement, whatever the number', async () => {
    // 2,000 agents in 20 zones, half of them with a second phone, and some noise around them.
    const values: string[] = [];
    for (let i = 0; i < 2000; i++) values.push(`('Agent ${String(i).padStart(4, '0')}', ${100 + (i % 20)}, '{cba}')`);
    await harness.dataSource.query(`INSERT INTO contact (name, location_id, roles) VALUES ${values.join(', ')}`);
    await harness.dataSource.query(`
      INSERT INTO connection (backend, identity, contact_id)
      SELECT 'tester', '+26097' || lpad(id::text, 7, '0'), id FROM contact
      UNION ALL SELECT 'airtel', '+26096' || lpad(id::text, 7, '0'), id FROM contact WHERE id % 2 = 0`);
    await contacts.register({ name: 'Nurse', roles: ['clinic-worker'], locationId: 100 });
    await contacts.register({ name: 'Elsewhere', roles: ['cba'], locationId: 999 });

    const { db, statements } = counting(harness.dataSource.manager);
    const zones = Array.from({ length: 20 }, (_, i) => 100 + i);
    const recipients = await contacts.recipients({ roles: ['cba'], locationIds: zones }, db);
    expect(statements()).toBe(1);
    expect(recipients).toHaveLength(2000);
    expect(recipients.every((r) => r.connection.contactId === r.contact.id && r.connection.backend === 'tester')).toBe(
      true,
    );
    expect(recipients[0].contact.name).toBe('Agent 0000');
    // Without a phone, nobody to write to; `find` still has them.
    expect(await contacts.recipients({ roles: ['clinic-worker'] })).toEqual([]);
    expect((await contacts.find({ roles: ['clinic-worker'] })).map((c) => c.name)).toEqual(['Nurse']);
    expect((await contacts.countAt([100, 101, 999])).get(100)).toBe(101);
  });

  it('gives the help admins on their first phone', async () => {
    const admin = await harness.build.contact({ name: 'Help Desk', phone: '+260977000009', helpAdmin: true });
    await harness.build.contact({ name: 'Other', phone: '+260977000008' });
    expect((await contacts.helpAdmins()).map((r) => [r.contact.id, r.connection.identity])).toEqual([
      [admin.id, '+260977000009'],
    ]);
  });
});
