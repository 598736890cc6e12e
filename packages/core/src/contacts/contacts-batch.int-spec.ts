import type { EntityManager } from 'typeorm';
import { ConversationHarness } from '../testing/harness';
import { ContactRoles } from './contact-roles';
import { ContactsAdmin, type SaveOutcome } from './contacts-admin.service';
import { ContactsError, ContactsErrorCode } from './contacts.error';
import { ContactsService } from './contacts.service';

@ContactRoles({ app: 'test', roles: { 'clinic-worker': 'clinic staff', cba: 'community agent' } })
class TestRoles {}

/** Statements sent through a manager (every one of saveMany's goes through `db.query`). */
function counting(db: EntityManager): { db: EntityManager; statements: () => number } {
  let statements = 0;
  const counted = new Proxy(db, {
    get(target, key, receiver) {
      if (key !== 'query') return Reflect.get(target, key, receiver) as unknown;
      return (...args: Parameters<EntityManager['query']>) => {
        statements += 1;
        return target.query(...args);
      };
    },
  });
  return { db: counted, statements: () => statements };
}

const shown = (o: SaveOutcome | ContactsError) =>
  o instanceof ContactsError ? o.code : [o.action, o.contact?.name ?? null, o.contact?.phones ?? null, o.changes];

describe('ContactsAdmin.saveMany: many contacts, each its outcome or its error', () => {
  let harness: ConversationHarness;
  let admin: ContactsAdmin;

  beforeAll(async () => {
    harness = await ConversationHarness.create({ providers: [TestRoles] });
    admin = harness.get(ContactsAdmin);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('answers every row as save would, in order, and writes only the good ones', async () => {
    const ruth = await harness.build.contact({ name: 'Ruth Banda', phone: '+260977000010' });
    const john = await harness.build.contact({ name: 'John Zulu', phone: '+260977000011' });
    // A phone that wrote before registering: the new contact takes that connection.
    await harness.get(ContactsService).connectionFor('kannel', '+260977000012');
    const inputs = [
      { name: 'Mary Phiri', phones: ['0977000001', '0966000001'], roles: ['cba'] },
      { name: 'Bad Phone', phones: ['12'] },
      { name: 'Ruth Banda', phones: ['0977000010'], roles: ['clinic-worker'] }, // roles change
      { name: 'John Zulu', phones: ['0977000011'] }, // as she is
      { name: 'Two Owners', phones: ['0977000010', '0977000011'] },
      { name: 'Again', phones: ['0977000001'] }, // Mary's phone, earlier in the batch
      { name: 'Wrote Before', phones: ['0977000012'] },
      { name: 'No Role', phones: ['0977000013'], roles: ['pilot'] },
      { name: '', phones: ['0977000014'] },
    ];
    const dry = await harness.dataSource.transaction((db) =>
      admin.saveMany(inputs, { mode: 'upsert', dryRun: true }, db),
    );
    const errors = [
      ContactsErrorCode.BadPhone,
      ContactsErrorCode.PhoneTaken,
      ContactsErrorCode.PhoneTaken,
      ContactsErrorCode.UnknownRole,
      ContactsErrorCode.BadName,
    ];
    expect(dry.map(shown)).toEqual([
      ['created', null, null, []],
      errors[0],
      ['updated', 'Ruth Banda', ['+260977000010'], ['roles']],
      ['unchanged', 'John Zulu', ['+260977000011'], []],
      errors[1],
      errors[2],
      ['created', null, null, []],
      errors[3],
      errors[4],
    ]);
    expect(await harness.dataSource.query('SELECT count(*)::int AS n FROM contact')).toEqual([{ n: 2 }]);

    const written = await harness.dataSource.transaction((db) => admin.saveMany(inputs, { mode: 'upsert' }, db));
    expect(written.map(shown)).toEqual([
      ['created', 'Mary Phiri', ['+260977000001', '+260966000001'], []],
      errors[0],
      ['updated', 'Ruth Banda', ['+260977000010'], ['roles']],
      ['unchanged', 'John Zulu', ['+260977000011'], []],
      errors[1],
      errors[2],
      ['created', 'Wrote Before', ['+260977000012'], []],
      errors[3],
      errors[4],
    ]);
    const contacts = harness.get(ContactsService);
    expect((await contacts.findByPhone('0966000001'))?.contact?.name).toBe('Mary Phiri');
    expect((await contacts.findById(ruth.id))?.roles).toEqual(['clinic-worker']);
    expect((await contacts.findById(john.id))?.updatedAt).toEqual(john.updatedAt);
    const wrote = await contacts.findByPhone('0977000012');
    expect([wrote?.connection.backend, wrote?.contact?.name]).toEqual(['kannel', 'Wrote Before']);
  });

  it('reads a batch in a few statements whatever its size, and writes one per new contact plus a few', async () => {
    const inputs = Array.from({ length: 300 }, (_, i) => ({
      name: `Agent ${i}`,
      phones: [`0977${String(100000 + i)}`, `0966${String(100000 + i)}`],
      roles: ['cba'],
    }));
    const dry = await harness.dataSource.transaction(async (db) => {
      const counted = counting(db);
      await admin.saveMany(inputs, { mode: 'upsert', dryRun: true }, counted.db);
      return counted.statements();
    });
    expect(dry).toBeLessThanOrEqual(5);
    const wet = await harness.dataSource.transaction(async (db) => {
      const counted = counting(db);
      await admin.saveMany(inputs, { mode: 'upsert' }, counted.db);
      return counted.statements();
    });
    expect(wet).toBeLessThanOrEqual(inputs.length + 10);
    expect(
      await harness.dataSource.query('SELECT count(*)::int AS n FROM connection WHERE contact_id IS NOT NULL'),
    ).toEqual([{ n: 600 }]);
  });
});
