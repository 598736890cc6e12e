import { originalText } from '../text/storable-text';
import { ContactsService } from '../contacts/contacts.service';
import { Like } from 'typeorm';
import { Connection } from '../contacts/connection.entity';
import { Contact } from '../contacts/contact.entity';
import { ConversationHarness } from '../testing/harness';
import { MessageRecord } from '../message-log/message.entity';
import type { InboundSms } from '../gateways/gateway-inbox';
import { MessageStore } from './message-store';
import { InboundSeal } from '../message-log/inbound-seal';
import { inboundText } from '../testing/inbound-text';

const settled = (): string => 'stored';
const failed = (): string => 'refused';

describe('storing inbound SMS that arrive together (PostgreSQL)', () => {
  let harness: ConversationHarness;
  let store: MessageStore;
  const sms = (identity: string, text: string, providerId?: string): InboundSms => ({
    gateway: 'tester',
    identity,
    text,
    providerId,
  });
  /**
   * Stores `batch` as one batch: two SMS sent first take the store's two statements in
   * flight, so the ones sent meanwhile wait and go together.
   */
  const together = async <T>(batch: Array<() => Promise<T>>): Promise<T[]> => {
    const [, , ...results] = await Promise.all([
      store.storeInbound(sms('+260966000001', 'first in flight')),
      store.storeInbound(sms('+260966000002', 'second in flight')),
      ...batch.map((send) => send()),
    ]);
    await harness.dataSource.query(
      "DELETE FROM message WHERE connection_id IN (SELECT id FROM connection WHERE identity IN ('+260966000001', '+260966000002'))",
    );
    return results as T[];
  };

  beforeAll(async () => {
    harness = await ConversationHarness.create();
    store = harness.get(MessageStore);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('stores SMS that wait for the same batch in one transaction, each with its own id, in the order they came', async () => {
    const [one, two, three] = await together(
      [sms('+260977000001', 'one'), sms('+260977000002', 'two'), sms('+260977000001', 'three')].map(
        (s) => () => store.storeInbound(s),
      ),
    );
    // Rows written by one transaction carry its id (xmin).
    const writers = (await harness.dataSource.query('SELECT DISTINCT xmin::text FROM message')) as unknown[];
    expect(writers).toHaveLength(1);
    expect(Number(one!.record.id)).toBeLessThan(Number(two!.record.id));
    expect(Number(two!.record.id)).toBeLessThan(Number(three!.record.id));
    expect(one!.connection.id).toBe(three!.connection.id);
    const rows = await harness.dataSource.manager.find(MessageRecord, { order: { id: 'ASC' } });
    expect(rows.map((r) => [r.id, inboundText(harness, r), r.connectionId, r.status])).toEqual([
      [one!.record.id, 'one', one!.connection.id, 'received'],
      [two!.record.id, 'two', two!.connection.id, 'received'],
      [three!.record.id, 'three', one!.connection.id, 'received'],
    ]);
    expect(await harness.dataSource.manager.countBy(Connection, { identity: Like('+260977%') })).toBe(2);
  });

  it('drops a repeat of a provider id that arrives in the same batch as the first', async () => {
    const [first, repeat, other] = await together([
      () => store.storeInbound(sms('+260977000001', 'hello', 'gw-1')),
      () => store.storeInbound(sms('+260977000001', 'hello', 'gw-1')),
      () => store.storeInbound(sms('+260977000001', 'hello', 'gw-2')),
    ]);
    expect(first).not.toBeNull();
    expect(repeat).toBeNull();
    expect(other).not.toBeNull();
    expect(await harness.dataSource.manager.countBy(MessageRecord, { direction: 'in' })).toBe(2);
  });

  it("gives each SMS its sender's contact", async () => {
    const contact = await harness.dataSource.manager.save(Contact, { name: 'Mary Banda' });
    const known = await harness.get(ContactsService).connectionFor('tester', '+260977000001');
    await harness.dataSource.manager.update(Connection, { id: known.id }, { contactId: contact.id });
    const [fromContact, fromStranger] = await together([
      () => store.storeInbound(sms('+260977000001', 'hi')),
      () => store.storeInbound(sms('+260977000009', 'hi')),
    ]);
    expect(fromContact).toMatchObject({
      contact: { id: contact.id, name: 'Mary Banda' },
      record: { contactId: contact.id },
    });
    expect(fromStranger).toMatchObject({ contact: null, record: { contactId: null } });
  });

  it('fails only the SMS the database refuses; the others in its batch are stored', async () => {
    const results = await together([
      () => store.storeInbound(sms('+260977000001', 'fine')).then(settled, failed),
      // A gateway name over its column: no configured gateway has one, but the statement refuses it.
      () => store.storeInbound({ ...sms('+260977000002', 'refused'), gateway: 'g'.repeat(41) }).then(settled, failed),
      () => store.storeInbound(sms('+260977000003', 'also fine')).then(settled, failed),
    ]);
    expect(results).toEqual(['stored', 'refused', 'stored']);
    const texts = (await harness.dataSource.manager.find(MessageRecord, { order: { id: 'ASC' } })).map((r) =>
      inboundText(harness, r),
    );
    expect(texts).toEqual(['fine', 'also fine']);
  });

  it('stores a NUL or a lone surrogate as U+FFFD, with the text as received kept beside it', async () => {
    const sent = 'a NUL \u0000 and half an emoji \ud83d';
    const stored = await store.storeInbound(sms('+260977000004', sent));
    expect(stored?.record.text).toBe('a NUL \ufffd and half an emoji \ufffd');
    const [row] = await harness.dataSource.query(`SELECT text, original, sealed FROM message WHERE id = $1`, [
      stored?.record.id,
    ]);
    // Stored sealed until routed; the seal keeps the text as received.
    expect(row).toMatchObject({ text: '•••', original: null });
    const clear = harness.get(InboundSeal).open(row.sealed);
    expect(originalText(clear.text, clear.original)).toBe(sent);
  });
});
