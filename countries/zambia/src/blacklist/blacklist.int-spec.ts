import { ContactEntity, type ConversationHarness } from '@mwana/core/testing';
import { MessageRecord } from '@mwana/core';
import type { ZambiaBuilders } from '../testing/zambia.builders';
import { createZambiaHarness } from '../testing/zambia.harness';
import { BlacklistCommand } from './blacklist.command';
import { BlacklistError, BlacklistErrorCode } from './blacklist.error';
import { BlacklistService } from './blacklist.service';
import { BlockedPhone } from './blocked-phone.entity';

const BLOCKED = 'Your number has been blocked from using Mwana. This incident has been reported';
const ALERT = (phone: string): string => `This blacklisted number is trying to use the system ${phone}`;

describe('the blacklist (Zambia)', () => {
  let harness: ConversationHarness<ZambiaBuilders>;
  let blacklist: BlacklistService;

  beforeAll(async () => {
    harness = await createZambiaHarness();
    blacklist = harness.get(BlacklistService);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    await harness.build.contact({ name: 'Help Desk', phone: '+260977000090', helpAdmin: true });
    await harness.build.contact({ name: 'Second Desk', phone: '+260977000091', helpAdmin: true });
  });

  it('answers a blocked phone with the blocked reply, tells the help admins once per block, and does nothing else', async () => {
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await blacklist.block('0977 000 009', 'console user ana', 'abusive messages');
    await harness.run(`
      +260977000009 > JOIN clinic 403012 Spam Sender 1234
      +260977000009 < ${BLOCKED}
      +260977000090 < ${ALERT('+260977000009')}
      +260977000091 < ${ALERT('+260977000009')}
      +260977000009 > hello
      +260977000009 < ${BLOCKED}
      +260977000009 > CHECK
      +260977000009 < ${BLOCKED}
    `);
    // Nothing else happened: no contact was registered, every SMS is kept and marked.
    expect(await harness.dataSource.getRepository(ContactEntity).countBy({ locationId: clinic.id })).toBe(0);
    const inbound = await harness.dataSource
      .getRepository(MessageRecord)
      .find({ where: { direction: 'in' }, order: { id: 'ASC' } });
    expect(inbound.map((m) => [m.text, m.status, m.handledBy, m.handledByHandler])).toEqual([
      ['JOIN clinic 403012 Spam Sender 1234', 'handled', 'blacklist', 'filter'],
      ['hello', 'handled', 'blacklist', 'filter'],
      ['CHECK', 'handled', 'blacklist', 'filter'],
    ]);

    // Lifted, the phone is anyone's again; blocked again, the help admins hear of it again.
    await blacklist.unblock('+260977000009', 'console user ana');
    await harness.run(`
      +260977000009 > hello
      +260977000009 < Invalid Keyword. Please send the keyword HELP if you need to be assisted.
    `);
    await blacklist.block('260977000009', 'command line');
    await harness.run(`
      +260977000009 > hello
      +260977000009 < ${BLOCKED}
      +260977000090 < ${ALERT('+260977000009')}
      +260977000091 < ${ALERT('+260977000009')}
    `);
  });

  it('tells the first help admins there are, when there were none at the first SMS', async () => {
    await harness.dataSource.query('UPDATE contact SET is_help_admin = false');
    await blacklist.block('+260977000009', 'console user ana');
    await harness.run(`
      +260977000009 > hello
      +260977000009 < ${BLOCKED}
    `);
    await harness.dataSource.query("UPDATE contact SET is_help_admin = true WHERE name = 'Help Desk'");
    await harness.run(`
      +260977000009 > hello
      +260977000009 < ${BLOCKED}
      +260977000090 < ${ALERT('+260977000009')}
      +260977000009 > hello
      +260977000009 < ${BLOCKED}
    `);
  });

  it('tells the help admins once however many SMS of a blocked phone arrive at once', async () => {
    await blacklist.block('+260977000009', 'console user ana');
    await harness.runner.skipSent();
    await Promise.all(Array.from({ length: 16 }, (_, i) => harness.deliver('+260977000009', `spam ${i}`)));
    const sent = await harness.runner.sentSinceWatermark();
    expect(sent.filter((s) => s.phone === '+260977000009' && s.text === BLOCKED)).toHaveLength(16);
    expect(sent.filter((s) => s.phone === '+260977000090').map((s) => s.text)).toEqual([ALERT('+260977000009')]);
    expect(sent).toHaveLength(18);
  });

  it('refuses what is not a phone, a second block and lifting what is not blocked, changing nothing', async () => {
    const refused = async (work: Promise<unknown>): Promise<string> => {
      const error = await work.then(
        () => null,
        (e: unknown) => e,
      );
      if (!(error instanceof BlacklistError)) throw new Error(`expected a BlacklistError, got ${String(error)}`);
      return error.code;
    };
    expect(await refused(blacklist.block('hello', 'ana'))).toBe(BlacklistErrorCode.NotAPhone);
    expect(await refused(blacklist.block('0977000009', 'ana', 'x'.repeat(201)))).toBe(BlacklistErrorCode.BadReason);
    expect(await refused(blacklist.unblock('0977000009', 'ana'))).toBe(BlacklistErrorCode.NotBlocked);
    expect(await harness.dataSource.getRepository(BlockedPhone).count()).toBe(0);
    // Two operators blocking one phone at once make one block.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => blacklist.block('0977000009', `operator ${i}`)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await harness.dataSource.getRepository(BlockedPhone).count()).toBe(1);
    expect(await refused(blacklist.block('+260 977 000 009', 'ana'))).toBe(BlacklistErrorCode.AlreadyBlocked);
  });

  it('is managed by `mwana blacklist`: add, list, remove, with who did it', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const command = (...args: string[]) => harness.get(BlacklistCommand).run(args, io);
    expect(await command('add', '0977000009', 'sends', 'spam', '--by', 'mary')).toBe(0);
    expect(await command('add', '0977000009')).toBe(1);
    expect(await command('list')).toBe(0);
    expect(await command('remove', '+260977000009')).toBe(0);
    expect(await command('list', '--all')).toBe(0);
    expect(await command('block', 'everyone')).toBe(2);
    expect(out.map((line) => line.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>'))).toEqual([
      '+260977000009 is blocked.',
      '+260977000009  blocked <time> by command line (mary) (sends spam)',
      '1 phone(s) blocked',
      '+260977000009 may use Mwana again.',
      '+260977000009  blocked <time> by command line (mary) (sends spam), lifted <time> by command line',
      '0 phone(s) blocked',
    ]);
    expect(err).toEqual(['+260977000009 is already blocked.', expect.stringMatching(/^Usage: mwana blacklist/)]);
  });
});
