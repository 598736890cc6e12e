import type { Location } from '@mwana/app-locations';
import { MessageRecord } from '@mwana/core';
import type { ConversationHarness } from '@mwana/core/testing';
import type { ZambiaBuilders } from '../testing/zambia.builders';
import { createZambiaHarness } from '../testing/zambia.harness';

const CLINIC_KEYWORDS =
  'Invalid Keyword. Valid keywords are CHECK, RESULT, SENT, TRACE, MSG CBA, MSG CLINIC, MSG ALL and MSG DHO. Respond with any keyword or HELP for more information.';
const NOTHING_WAITING = (name: string): string =>
  `Hello ${name}. Are you trying to retrieve new results? There are no new results ready for you. We shall let you know as soon as they are ready.`;
const WRONG_PIN = (name: string): string =>
  `Hello ${name}. If you are trying to retrieve new results please send the keyword CHECK. Make sure you send your correct PIN when asked to.`;
const BAD_PIN =
  "Sorry, that was not the correct pin code. Your pin code is a 4-digit number like 1234. If you forgot your pin code, reply with keyword 'HELP'";

describe("Zambia's role-aware replies to what no app handled (its own config)", () => {
  let harness: ConversationHarness<ZambiaBuilders>;
  let clinic: Location;

  beforeAll(async () => {
    harness = await createZambiaHarness();
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    const province = await harness.build.place({ code: '400000', name: 'Copperbelt', kind: 'province' });
    const district = await harness.build.place({
      code: '403000',
      name: 'Ndola',
      kind: 'district',
      parentId: province.id,
    });
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic', parentId: district.id });
    const zone = await harness.build.place({ code: '403012-1', name: 'Zone 1', kind: 'zone', parentId: clinic.id });
    const worker = (name: string, phone: string, roles: string[], locationId: number, pin?: string) =>
      harness.build.contact({ name, phone, roles, locationId, pin });
    await worker('Mary Phiri', '+260977000001', ['clinic-worker'], clinic.id, '1234');
    await worker('Agnes Tembo', '+260977000002', ['cba'], zone.id);
    await worker('Daniel Mwale', '+260977000003', ['district-worker'], district.id, '5555');
    await worker('Harriet Zulu', '+260977000004', ['hub-worker'], clinic.id, '6666');
    await worker('Peter Banda', '+260977000005', ['province-worker'], province.id, '7777');
    await worker('Lab Tech', '+260977000006', ['lab-worker'], clinic.id, '8888');
    await worker('Both Roles', '+260977000007', ['cba', 'clinic-worker'], clinic.id, '9999');
  });

  it('answers each role with its keywords, strangers with HELP, and other roles not at all', async () => {
    await harness.run(`
      +260977000099 > hello there
      +260977000099 < Invalid Keyword. Please send the keyword HELP if you need to be assisted.
      +260977000099 > 1234
      +260977000099 < Invalid Keyword. Please send the keyword HELP if you need to be assisted.
      +260977000001 > what now
      +260977000001 < ${CLINIC_KEYWORDS}
      +260977000002 > what now
      +260977000002 < Invalid Keyword. Valid keywords are BIRTH, MWANA, TOLD, CONFIRM, MSG CBA, MSG CLINIC and MSG ALL. Respond with any keyword or HELP for more information.
      +260977000003 > what now
      +260977000003 < Invalid Keyword. Valid keywords are MSG DHO, MSG CLINIC and MSG ALL. Respond with any keyword or HELP for more information.
      +260977000004 > what now
      +260977000004 < Invalid Keyword. Valid keywords are RECEIVED and SENT. Respond with any keyword or HELP for more information.
      +260977000005 > what now
      +260977000005 < Sorry Peter Banda. Respond with keyword HELP for assistance.
      +260977000006 > what now
      +260977000007 > what now
      +260977000007 < ${CLINIC_KEYWORDS}
      # Four digits from staff who hold no results are not a PIN attempt: the role's reply.
      +260977000004 > 6666
      +260977000004 < Invalid Keyword. Valid keywords are RECEIVED and SENT. Respond with any keyword or HELP for more information.
      # A keyword still works; the generic composed reply never comes.
      +260977000001 > CHECK
      +260977000001 < Hello Mary Phiri. There are no new DBS test results for Chifubu Clinic right now. We'll let you know as soon as more results are available.
    `);
    // A courtesy, as core's generic reply is: the message stays unhandled, the reply is role-replies'.
    const messages = harness.dataSource.getRepository(MessageRecord);
    const inbound = await messages.findOneByOrFail({ direction: 'in', text: 'what now', contactId: 1 });
    expect([inbound.status, inbound.handledBy]).toEqual(['unhandled', null]);
    const reply = await messages.findOneByOrFail({ inResponseToId: inbound.id });
    expect(reply.handledBy).toBe('role-replies');
  });

  it('answers a text that asks RemindMi in words, by name', async () => {
    await harness.run(`
      +260977000002 > Remind me to visit Mrs Banda
      +260977000002 < Sorry Agnes Tembo, we didn't understand that message. Send the keyword HELP if you need to be helped.
      +260977000001 > to remindmi tomorrow
      +260977000001 < Sorry Mary Phiri, we didn't understand that message. Send the keyword HELP if you need to be helped.
      +260977000002 > REMIND MI
      +260977000002 < Sorry Agnes Tembo, we didn't understand that message. Send the keyword HELP if you need to be helped.
      +260977000002 > reminder
      +260977000002 < Invalid Keyword. Valid keywords are BIRTH, MWANA, TOLD, CONFIRM, MSG CBA, MSG CLINIC and MSG ALL. Respond with any keyword or HELP for more information.
    `);
  });

  it('answers four digits from a clinic worker by what waits at the clinic and whether it was the PIN', async () => {
    await harness.build.result(clinic, 'new', false); // refused by the lab: never delivered, so nothing waits
    await harness.run(`
      +260977000001 > 1234
      +260977000001 < ${NOTHING_WAITING('Mary Phiri')}
      +260977000001 > 4321
      +260977000001 < ${NOTHING_WAITING('Mary Phiri')}
    `);
    await harness.build.result(clinic, 'new');
    await harness.run(`
      +260977000001 > 1234
      +260977000001 < Hello Mary Phiri. If you are trying to retrieve new results please send the keyword CHECK.
      +260977000001 > 4321
      +260977000001 < ${WRONG_PIN('Mary Phiri')}
    `);
    await harness.build.result(clinic, 'notified');
    await harness.run(`
      +260977000001 > l234
      +260977000001 < Sorry Mary Phiri. If you are trying to retrieve new results please send the keyword CHECK.
      +260977000001 > 0000
      +260977000001 < ${WRONG_PIN('Mary Phiri')}
    `);
  });

  it("leaves a phone that waits for its PIN to Results160's wrong-PIN reply", async () => {
    await harness.build.result(clinic, 'new');
    await harness.run(`
      +260977000001 > CHECK
      +260977000001 < Hello Mary Phiri. We have 1 DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.
      +260977000001 > hello
      +260977000001 < ${BAD_PIN}
      +260977000001 > 4321
      +260977000001 < ${BAD_PIN}
    `);
  });

  it('counts those PINs with Results160’s: 5 wrong lock the contact, the help admins told once, however many at once', async () => {
    await harness.build.contact({ name: 'Help Desk', phone: '+260977000090', helpAdmin: true });
    await harness.build.result(clinic, 'new');
    const guesses = Array.from({ length: 12 }, (_, i) => String(2000 + i));
    await harness.runner.skipSent();
    await Promise.all(guesses.map((pin) => harness.deliver('+260977000001', pin)));
    const sent = await harness.runner.sentSinceWatermark();
    const LOCKED =
      "Sorry, that was not the correct pin code too many times. Your results are locked for 30 minutes. If you forgot your pin code, reply with keyword 'HELP'";
    const count = (text: string) => sent.filter((s) => s.text === text).length;
    expect([count(WRONG_PIN('Mary Phiri')), count(LOCKED), sent.length]).toEqual([4, 8, 13]);
    expect(sent.filter((s) => s.phone === '+260977000090').map((s) => s.text)).toEqual([
      'Mary Phiri (+260977000001) at Chifubu Clinic sent 5 wrong pin codes in a row. Their results are locked for 30 minutes.',
    ]);
    // Locked: even the right PIN is refused without being looked at.
    await harness.run(`
      +260977000001 > 1234
      +260977000001 < ${LOCKED}
    `);
  });
});
