import { Contact } from '../contacts/contact.entity';
import { InboundSeal } from '../message-log/inbound-seal';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { SmsApp } from './decorators';
import type { FilterResult, HandleResult, OutgoingResult, SmsAppHooks } from './hooks';
import type { IncomingMessage } from './incoming-message';
import { MessageRecord } from '../message-log/message.entity';
import type { OutgoingMessage } from '../outbox/outbound-text';
import { literal } from '../i18n/translatable';

/** What each test app did, in order: `first.parse`, `second.handle` ... */
const calls: string[] = [];
/** Per test: what a hook of an app does (return value or throw). */
const behaviour = new Map<string, (msg: IncomingMessage) => unknown>();

function recorder(name: string) {
  const act = (hook: string, msg: IncomingMessage, fallback: unknown) => {
    calls.push(`${name}.${hook}`);
    const custom = behaviour.get(`${name}.${hook}`);
    return custom ? custom(msg) : fallback;
  };
  @SmsApp({ name })
  class Recorder implements SmsAppHooks {
    filter(msg: IncomingMessage) {
      return act('filter', msg, 'continue') as FilterResult;
    }
    parse(msg: IncomingMessage) {
      act('parse', msg, undefined);
    }
    handle(msg: IncomingMessage) {
      return act('handle', msg, 'continue') as HandleResult;
    }
    default(msg: IncomingMessage) {
      return act('default', msg, 'continue') as HandleResult;
    }
    cleanup(msg: IncomingMessage) {
      act('cleanup', msg, undefined);
    }
    outgoing(out: OutgoingMessage) {
      calls.push(`${name}.outgoing`);
      const custom = behaviour.get(`${name}.outgoing`);
      return (custom ? custom(out as unknown as IncomingMessage) : 'continue') as OutgoingResult;
    }
  }
  return Recorder;
}

const First = recorder('first');
const Second = recorder('second');

describe('the router (real PostgreSQL)', () => {
  let harness: ConversationHarness;
  const receive = (text: string, providerId?: string) =>
    harness.router.receive({ gateway: 'tester', identity: '+260977000001', text, providerId });

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      imports: [EchoModule],
      providers: [First, Second],
      config: { router: { order: ['stringcleaning', 'first', 'handlers', 'second'], defaultReply: null } },
    });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    calls.length = 0;
    behaviour.clear();
    await harness.reset();
  });

  it('runs filter, parse, handle, default, cleanup over the apps in configured order', async () => {
    await receive('nothing handles this');
    expect(calls).toEqual([
      'first.filter',
      'second.filter',
      'first.parse',
      'second.parse',
      'first.handle',
      'second.handle',
      'first.default',
      'second.default',
      'first.cleanup',
      'second.cleanup',
    ]);
  });

  it('stops the handle phase at the first app that handles, skips default, and still runs cleanup', async () => {
    behaviour.set('first.handle', (msg) => {
      msg.respond(literal('first handled it'));
      return 'handled';
    });
    const result = await receive('anything');
    expect(calls).toEqual([
      'first.filter',
      'second.filter',
      'first.parse',
      'second.parse',
      'first.handle',
      'first.cleanup',
      'second.cleanup',
      'second.outgoing',
      'first.outgoing',
    ]);
    expect(result.message).toMatchObject({ status: 'handled' });
    const row = await harness.dataSource.manager.findOneByOrFail(MessageRecord, { id: result.message!.id });
    expect(row).toMatchObject({ status: 'handled', handledBy: 'first', handledByHandler: null });
  });

  it('records the handler that handled a keyword, and the app it belongs to', async () => {
    const result = await receive('echo hi');
    const row = await harness.dataSource.manager.findOneByOrFail(MessageRecord, { id: result.message!.id });
    expect(row).toMatchObject({
      status: 'handled',
      handledBy: 'echo',
      handledByHandler: 'EchoHandler',
      cleanedText: 'echo hi',
    });
    expect(calls).not.toContain('second.handle'); // handlers (before second) handled it
    expect(calls).toContain('second.cleanup');
  });

  it('stops every later phase when a filter says stop, cleanup included', async () => {
    behaviour.set('first.filter', () => 'stop');
    const result = await receive('echo hi');
    expect(calls).toEqual(['first.filter']);
    expect(result.replies).toHaveLength(0);
  });

  it('runs default only when nothing handled, and stops it at the first app that handles', async () => {
    behaviour.set('first.default', (msg) => {
      msg.respond(literal('a default'));
      return 'handled';
    });
    const result = await receive('unknown words');
    expect(calls.filter((c) => c.endsWith('.default'))).toEqual(['first.default']);
    expect(result.replies.map((r) => r.text)).toEqual(['a default']);
  });

  it('lets the parse phase clean the text for later apps, and keeps the text as received', async () => {
    let seen = '';
    behaviour.set('first.parse', (msg) => {
      seen = msg.text;
    });
    const result = await receive("  ECHO (4o30i2), 'x'.");
    // String cleaning (docs/keywords.md#text-cleaning) replaces separators with spaces and does not collapse them; keywords do not mind.
    expect(seen).toBe('ECHO 403012  x');
    const row = await harness.dataSource.manager.findOneByOrFail(MessageRecord, { id: result.message!.id });
    expect(row.text).toBe("  ECHO (4o30i2), 'x'.");
    expect(row.cleanedText).toBe('ECHO 403012  x');
  });

  it('keeps what a handler marked secret masked, in the text as received and as cleaned', async () => {
    behaviour.set('first.handle', (msg) => {
      msg.markSecret('8765');
      msg.respond(literal('PIN taken'));
      return 'handled';
    });
    const result = await receive('JOIN CLINIC 403012 Mary 8765');
    const row = await harness.dataSource.manager.findOneByOrFail(MessageRecord, { id: result.message!.id });
    expect(row.text).toBe('JOIN CLINIC 403012 Mary ••••');
    expect(row.cleanedText).toBe('JOIN CLINIC 403012 Mary ••••');
    expect(result.message!.text).toBe('JOIN CLINIC 403012 Mary ••••');
  });

  it('masks the four-digit words of a text no keyword took (a mistyped JOIN may hold a PIN), not those of a handled one', async () => {
    behaviour.set('first.default', (msg) => {
      msg.respond(literal('Invalid keyword'));
      return 'handled';
    });
    const unhandled = await receive('JION 4030 Mary 8765 at 403012');
    const row = await harness.dataSource.manager.findOneByOrFail(MessageRecord, { id: unhandled.message!.id });
    expect([row.text, row.cleanedText]).toEqual(['JION •••• Mary •••• at 403012', 'JION •••• Mary •••• at 403012']);
    // Nothing the user sent is lost: the exact text stays sealed, for whoever holds the key.
    expect(harness.get(InboundSeal).open(row.sealed!).text).toBe('JION 4030 Mary 8765 at 403012');
    behaviour.set('first.handle', (msg) => {
      msg.respond(literal('taken'));
      return 'handled';
    });
    const handled = await receive('ECHO 4030 Mary');
    const kept = await harness.dataSource.manager.findOneByOrFail(MessageRecord, { id: handled.message!.id });
    expect([kept.text, kept.sealed]).toEqual(['ECHO 4030 Mary', null]);
  });

  it('masks old rows by the migration: PINs, the PIN of a JOIN and in a reply, result values and slips', async () => {
    const mask = async (text: string, direction: 'in' | 'out') =>
      (
        (await harness.dataSource.query('SELECT mwana_mask_message($1, $2) AS m', [text, direction])) as Array<{
          m: string;
        }>
      )[0].m;
    expect(await mask(' 8765 ', 'in')).toBe(' •••• ');
    expect(await mask('join clinic 403012 Mary Phiri 8765', 'in')).toBe('join clinic 403012 Mary Phiri ••••');
    expect(await mask('CHECK 403012', 'in')).toBe('CHECK 403012');
    expect(await mask('Hi Mary, ... Your PIN is 8765. Reply', 'out')).toBe('Hi Mary, ... Your PIN is ••••. Reply');
    expect(
      await mask(
        'Thank you! Here are your results: **** P-0001;Detected. **** P-2;NotDetected. Date Collected;02 Jan 2026. Tested on;05 Jan 2026. **** A;Positive changed to B;Negative',
        'out',
      ),
    ).toBe(
      'Thank you! Here are your results: **** P-0001;•••. **** P-2;•••. Date Collected;02 Jan 2026. Tested on;05 Jan 2026. **** A;••• changed to B;•••',
    );
    expect(
      await mask('00Chifubu.\r\nPatient ID: P-1.\r\nHIV-DNAPCR Result:\r\nDetected.\r\nApproved by Lab.', 'out'),
    ).toBe('00Chifubu.\r\nPatient ID: P-1.\r\nHIV-DNAPCR Result:\r\n•••.\r\nApproved by Lab.');
  });

  it('isolates an app that throws: logged, recorded on the message, its writes undone, the others still run', async () => {
    const contact = await harness.build.contact({ name: 'Mary', phone: '+260977000001' });
    behaviour.set('first.handle', async (msg) => {
      await msg.db.update(Contact, contact.id, { name: 'CHANGED' });
      throw new Error('first broke');
    });
    const result = await receive('echo still here');
    expect(calls).toContain('second.cleanup');
    expect(result.replies.map((r) => r.text)).toEqual(['still here']);
    const row = await harness.dataSource.manager.findOneByOrFail(MessageRecord, { id: result.message!.id });
    expect(row.status).toBe('errored');
    expect(row.error).toBe('first.handle: first broke');
    expect(row.handledBy).toBe('echo');
    expect((await harness.dataSource.manager.findOneByOrFail(Contact, { id: contact.id })).name).toBe('Mary');
  });

  it('writes the replies and the final status in one transaction with the inbound message', async () => {
    const result = await receive('echo one');
    const rows = await harness.dataSource.manager.find(MessageRecord, { order: { id: 'ASC' } });
    expect(rows.map((r) => [r.direction, r.status, r.text, r.inResponseToId])).toEqual([
      ['in', 'handled', 'echo one', null],
      ['out', 'queued', 'one', result.message!.id],
    ]);
    expect(rows[1]).toMatchObject({ priority: 'reply', handledBy: 'echo', encoding: 'GSM-7', segments: 1 });
  });

  it('runs outgoing hooks in reverse order, and a cancelled reply is kept as cancelled, not sent', async () => {
    behaviour.set('first.outgoing', () => 'cancel');
    await receive('echo bye');
    expect(calls.filter((c) => c.endsWith('.outgoing'))).toEqual(['second.outgoing', 'first.outgoing']);
    const out = await harness.dataSource.manager.findOneByOrFail(MessageRecord, { direction: 'out' });
    expect(out).toMatchObject({ status: 'cancelled', error: 'cancelled by first' });
  });

  it('gives each of many SMS routed at once its own reply and final status, however their writes were batched', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `echo n${i}`);
    const results = await Promise.all(texts.map((text) => receive(text)));
    const rows = (await harness.dataSource.query(
      'SELECT id::text, direction, text, status, in_response_to_id::text AS answers FROM message ORDER BY id',
    )) as Array<{ id: string; direction: string; text: string; status: string; answers: string | null }>;
    // The order they were stored in is the order they reached the store, not the order sent.
    const inbound = rows
      .filter((r) => r.direction === 'in')
      .sort((a, b) => texts.indexOf(a.text) - texts.indexOf(b.text));
    const replies = rows.filter((r) => r.direction === 'out');
    expect(inbound.map((r) => [r.text, r.status])).toEqual(texts.map((text) => [text, 'handled']));
    const answering = new Map(replies.map((r) => [r.answers, r]));
    expect(inbound.map((r) => answering.get(r.id)?.text)).toEqual(texts.map((text) => text.slice(5)));
    expect(results.map((r) => [r.message!.id, r.replies.map((reply) => reply.text)])).toEqual(
      inbound.map((r) => [r.id, [r.text.slice(5)]]),
    );
  });

  it('drops a repeat of a provider id without routing it again', async () => {
    const first = await receive('echo once', 'kannel-42');
    const second = await receive('echo once', 'kannel-42');
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ duplicate: true, replies: [] });
    expect(await harness.dataSource.manager.countBy(MessageRecord, { direction: 'out' })).toBe(1);
  });

  it("splits a reply longer than the country's SMS length between words", async () => {
    const words = Array.from({ length: 50 }, (_, i) => `word${i}`).join(' ');
    const result = await receive(`echo ${words}`);
    expect(result.replies.length).toBeGreaterThan(1);
    expect(result.replies.every((r) => r.text.length <= 160)).toBe(true);
    expect(result.replies.map((r) => r.text).join(' ')).toBe(words);
  });

  it('marks a message unhandled when no app handled it and no default reply is configured', async () => {
    const result = await receive('nobody knows this');
    expect(result.message).toMatchObject({ status: 'unhandled' });
    expect(result.replies).toHaveLength(0);
  });
});
