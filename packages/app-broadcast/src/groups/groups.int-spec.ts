import type { Location } from '@mwana/app-locations';
import { type ConversationHarness, STARTUP_TIMEOUT_MS } from '@mwana/core/testing';
import { Broadcaster, deliveryCounts } from './broadcaster.service';
import { type BroadcastBuilders, createBroadcastHarness } from '../testing/broadcast.harness';

const RUTH = '+260977000001'; // clinic worker at Chifubu (the sender)
const JANE = '+260977000002'; // clinic worker at Chifubu
const MARY = '+260977000003'; // CBA in Chifubu's zone 3
const PETER = '+260977000004'; // CBA at Kawama, another clinic of the district
const DAN = '+260977000005'; // district worker at Ndola district (Chifubu's parent)
const HUB = '+260977000006'; // hub worker at Chifubu: never a recipient
const LAB = '+260977000007'; // lab worker at Chifubu: never a recipient
const ADMIN = '+260977000050';
const STRANGER = '+260977000099';
const NOMAD = '+260977000098'; // registered, no location

const NOT_REGISTERED =
  "You must be registered with a clinic to use the broadcast feature. Please ask your clinic team how to register, or respond with keyword 'HELP'";
const groupHelp = (group: string, keyword: string): string =>
  `To send a message to ${group} send keyword ${keyword} followed by the contents of your message.`;
const msgHelp = (groups: string): string =>
  `To send a message SEND: MSG <GROUP> <your message>. The groups you can send to are: ${groups}`;

describe('ALL, CLINIC, CBA, HSA, DISTRICT, BLAST and MSG (docs/keywords.md#broadcast)', () => {
  let harness: ConversationHarness<BroadcastBuilders>;
  let kawama: Location;

  beforeAll(async () => {
    harness = await createBroadcastHarness();
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    const b = harness.build;
    const province = await b.place({ code: '400000', name: 'Copperbelt', kind: 'province' });
    const ndola = await b.place({ code: '403000', name: 'Ndola', kind: 'district', parent: province });
    const chifubu = await b.place({ code: '403012', name: 'Chifubu Clinic', parent: ndola });
    const zone3 = await b.place({ code: '403012-3', name: '3', kind: 'zone', parent: chifubu });
    kawama = await b.place({ code: '403013', name: 'Kawama Clinic', parent: ndola });
    await b.person('Ruth Tembo', RUTH, ['clinic-worker'], chifubu);
    await b.person('Jane Mwale', JANE, ['clinic-worker'], chifubu);
    await b.person('Mary Phiri', MARY, ['cba'], zone3);
    await b.person('Peter Daka', PETER, ['cba'], kawama);
    await b.person('Dan Lungu', DAN, ['district-worker'], ndola);
    await b.person('Hub Man', HUB, ['hub-worker'], chifubu);
    await b.person('Lab Tech', LAB, ['lab-worker'], chifubu);
    await b.person('Gone Away', '+260977000008', ['clinic-worker'], chifubu, { active: false });
    await b.person('Help Desk', ADMIN, [], null, { helpAdmin: true });
    await b.person('No Where', NOMAD, ['clinic-worker'], null);
  });

  it('sends ALL to everyone at the clinic and its zones, verbatim, the sender, hub and lab staff left out', async () => {
    await harness.run(`
      ${RUTH} > ALL Meeting at 10:00 tomorrow, bring f0rms!!  Thx
      ${JANE} < Meeting at 10:00 tomorrow, bring f0rms!!  Thx [from Ruth Tembo to ALL]
      ${MARY} < Meeting at 10:00 tomorrow, bring f0rms!!  Thx [from Ruth Tembo to ALL]
    `);
  });

  it('answers each spelling of ALL, CLINIC, CBA, HSA and DISTRICT alone with how to use it', async () => {
    const forms: Array<[string, string, string]> = [
      ...['ALL', 'al', 'ajj', 'aj', 'o', 'oh'].map((w): [string, string, string] => [w, 'ALL', 'ALL']),
      ...['CLINIC', 'ajgmga', 'klinik', 'kliniki', 'kiliniki'].map((w): [string, string, string] => [
        w,
        'CLINIC',
        'CLINIC',
      ]),
      ...['CBA', 'aaa', 'cab'].map((w): [string, string, string] => [w, 'CBA', 'CBA']),
      ['hsa', 'HSAs', 'HSA'],
      ...['district', 'distric', 'distict'].map((w): [string, string, string] => [w, 'DISTRICT', 'DISTRICT']),
    ];
    await harness.run(forms.map(([w, g, k]) => `${RUTH} > ${w}\n${RUTH} < ${groupHelp(g, k)}`).join('\n'));
  });

  it('sends each spelling to its group: CLINIC to clinic staff, CBA and HSA to agents, DISTRICT to the district office above', async () => {
    await harness.run(`
      ${RUTH} > klinik staff meeting
      ${JANE} < staff meeting [from Ruth Tembo to CLINIC]
      ${RUTH} > cab visit the clinic
      ${MARY} < visit the clinic [from Ruth Tembo to CBA]
      ${RUTH} > HSA visit the clinic
      ${MARY} < visit the clinic [from Ruth Tembo to HSAs]
      ${RUTH} > DISTRICT we need test kits
      ${DAN} < we need test kits [from Ruth Tembo to DISTRICT]
      ${MARY} > o see you all
      ${RUTH} < see you all [from Mary Phiri to ALL]
      ${JANE} < see you all [from Mary Phiri to ALL]
    `);
  });

  it('tells the unregistered and the placeless to register, and says when a group is empty', async () => {
    await harness.run(`
      ${STRANGER} > ALL hello
      ${STRANGER} < ${NOT_REGISTERED}
      ${NOMAD} > CLINIC hello
      ${NOMAD} < ${NOT_REGISTERED}
      ${NOMAD} > MSG CLINIC hello
      ${NOMAD} < ${NOT_REGISTERED}
      ${PETER} > CLINIC anyone there?
      ${PETER} < There is no one in the group 'CLINIC' to send a message to.
      ${PETER} > CBA anyone there?
      ${PETER} < There is no one in the group 'CBA' to send a message to.
    `);
  });

  it('BLAST goes to every active contact from a help admin, and from anyone else is ignored', async () => {
    await harness.run(`
      ${RUTH} > BLAST system down tonight
      ${RUTH} > blast
      ${ADMIN} > blust System down tonight 22:00-23:00
      ${RUTH} < System down tonight 22:00-23:00 [from Help Desk to Mwana Users]
      ${JANE} < System down tonight 22:00-23:00 [from Help Desk to Mwana Users]
      ${MARY} < System down tonight 22:00-23:00 [from Help Desk to Mwana Users]
      ${PETER} < System down tonight 22:00-23:00 [from Help Desk to Mwana Users]
      ${DAN} < System down tonight 22:00-23:00 [from Help Desk to Mwana Users]
      ${NOMAD} < System down tonight 22:00-23:00 [from Help Desk to Mwana Users]
      ${ADMIN} > BLAST
      ${ADMIN} < ${groupHelp('Mwana Users', 'BLAST')}
    `);
  });

  it('MSG lists the groups of each role, refuses other roles and groups, and counts who it reached', async () => {
    await harness.run(`
      ${MARY} > MSG
      ${MARY} < ${msgHelp('CBA, CLINIC, ALL')}
      ${RUTH} > msg
      ${RUTH} < ${msgHelp('CBA, CLINIC, ALL, DHO')}
      ${DAN} > MSG
      ${DAN} < ${msgHelp('DHO, CLINIC, ALL')}
      ${HUB} > MSG CLINIC hi
      ${HUB} < You are not allowed to send broadcast messages. If you think this message is a mistake please reply with keyword HELP
      ${MARY} > MSG DHO hi
      ${MARY} < 'DHO' is not a valid message group for you. ${msgHelp('CBA, CLINIC, ALL')}
      ${RUTH} > MSG friends hi
      ${RUTH} < 'FRIENDS' is not a valid message group for you. ${msgHelp('CBA, CLINIC, ALL, DHO')}
      ${RUTH} > MSG CBA
      ${RUTH} < Sorry, I didn't understand that. ${msgHelp('CBA, CLINIC, ALL, DHO')}
      ${RUTH} > MSG DHO Stock of test kits is low
      ${DAN} < Stock of test kits is low [from Ruth Tembo to DHO]
      ${RUTH} < Your message has been sent to 1 people
      ${RUTH} > MSG all Clinic closed on Friday
      ${JANE} < Clinic closed on Friday [from Ruth Tembo to ALL]
      ${MARY} < Clinic closed on Friday [from Ruth Tembo to ALL]
      ${RUTH} < Your message has been sent to 2 people
      ${DAN} > MSG CLINIC Reports due Monday
      ${RUTH} < Reports due Monday [from Dan Lungu to CLINIC]
      ${JANE} < Reports due Monday [from Dan Lungu to CLINIC]
      ${DAN} < Your message has been sent to 2 people
      ${DAN} > MSG DHO alone?
      ${DAN} < There is no one in the group 'DHO' to send a message to.
    `);
  });

  it('MSG takes a colon or comma after the group, and refuses a group with only separators after it', async () => {
    await harness.run(`
      ${RUTH} > MSG DHO: Stock of test kits is low
      ${DAN} < Stock of test kits is low [from Ruth Tembo to DHO]
      ${RUTH} < Your message has been sent to 1 people
      ${RUTH} > msg dho,Stock is low
      ${DAN} < Stock is low [from Ruth Tembo to DHO]
      ${RUTH} < Your message has been sent to 1 people
      ${RUTH} > MSG DHO ,;
      ${RUTH} < Sorry, I didn't understand that. ${msgHelp('CBA, CLINIC, ALL, DHO')}
    `);
  });

  it('keeps one record per broadcast with its messages, queued as bulk, and counts them as they are sent', async () => {
    await harness.run(`
      ${RUTH} > ALL ${'long text '.repeat(20).trim()}
      ${JANE} <~ ^long text
      ${JANE} <~ to ALL\\]$
      ${MARY} <~ ^long text
      ${MARY} <~ to ALL\\]$
    `);
    const [record]: Array<{ recipients: number; ids: string[]; group_label: string; text: string }> =
      await harness.dataSource.query('SELECT recipients, message_ids::text[] AS ids, group_label, text FROM broadcast');
    expect(record).toMatchObject({ recipients: 2, group_label: 'ALL', text: 'long text '.repeat(20).trim() });
    // Split per recipient: two SMS each, every one bulk.
    expect(record.ids).toHaveLength(4);
    const rows: Array<{ priority: string; segments: number }> = await harness.dataSource.query(
      'SELECT priority, segments FROM message WHERE id = ANY($1::bigint[])',
      [record.ids],
    );
    expect(rows.every((r) => r.priority === 'bulk' && r.segments === 1)).toBe(true);
    const broadcaster = harness.get(Broadcaster);
    expect((await broadcaster.log(10, harness.dataSource.manager))[0].counts).toEqual({ queued: 4 });
    await harness.work();
    // The test gateway reports each delivered at once; delivered messages count as sent too.
    expect(deliveryCounts((await broadcaster.log(10, harness.dataSource.manager))[0].counts)).toEqual({
      queued: 0,
      sent: 4,
      delivered: 4,
      failed: 0,
    });
  });
});
