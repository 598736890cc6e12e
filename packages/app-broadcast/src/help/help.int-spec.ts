import { join } from 'node:path';
import type { Location } from '@mwana/app-locations';
import { type ConversationHarness, STARTUP_TIMEOUT_MS } from '@mwana/core/testing';
import { type BroadcastBuilders, createBroadcastHarness } from '../testing/broadcast.harness';
import { HelpDesk } from './help-desk.service';

const RUTH = '+260977000001';
const MARY = '+260977000003';
const NOMAD = '+260977000004';
const EVERYWHERE = '+260977000050'; // help admin without places: hears every request
const NDOLA_DESK = '+260977000051'; // help admin for Ndola district
const KITWE_DESK = '+260977000052'; // help admin for Kitwe district only
const PROVINCE_DESK = '+260977000053'; // help admin for the Copperbelt province
const STRANGER = '+260977000099';
const REPLY = (name: string): string =>
  `Sorry you're having trouble${name}. Your help request has been forwarded to a support team member and they will call you soon.`;

describe('HELP and CONTACTS (docs/keywords.md#help)', () => {
  let harness: ConversationHarness<BroadcastBuilders>;
  let chifubu: Location;

  beforeAll(async () => {
    harness = await createBroadcastHarness({ localeDirs: [join(__dirname, '..', '__fixtures__', 'locale')] });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    const b = harness.build;
    const province = await b.place({ code: '400000', name: 'Copperbelt', kind: 'province' });
    const ndola = await b.place({ code: '403000', name: 'Ndola', kind: 'district', parent: province });
    const kitwe = await b.place({ code: '404000', name: 'Kitwe', kind: 'district', parent: province });
    chifubu = await b.place({ code: '403012', name: 'Chifubu Clinic', parent: ndola });
    const zone3 = await b.place({ code: '403012-3', name: '3', kind: 'zone', parent: chifubu });
    await b.person('Ruth Tembo', RUTH, ['clinic-worker'], chifubu);
    await b.person('Mary Phiri', MARY, ['cba'], zone3);
    await b.person('No Where', NOMAD, ['clinic-worker'], null);
    await b.person('Everywhere Desk', EVERYWHERE, [], null, { helpAdmin: true });
    const desk = harness.get(HelpDesk);
    const db = harness.dataSource.manager;
    const ndolaDesk = await b.person('Ndola Desk', NDOLA_DESK, [], null, { helpAdmin: true });
    await desk.addPlace(ndolaDesk.id, ndola.id, db);
    const kitweDesk = await b.person('Kitwe Desk', KITWE_DESK, [], null, { helpAdmin: true });
    await desk.addPlace(kitweDesk.id, kitwe.id, db);
    const provinceDesk = await b.person('Province Desk', PROVINCE_DESK, [], null, { helpAdmin: true });
    await desk.addPlace(provinceDesk.id, province.id, db);
  });

  it('forwards a clinic worker’s request to the admins of the clinic, its district and province, and the unmapped ones', async () => {
    const notice =
      'Ruth Tembo (clinic-worker) at Chifubu Clinic(403012) has requested help. Please call them at +260977000001. Their message was: my PIN does not work';
    await harness.run(`
      ${RUTH} > HELP my PIN does not work
      ${EVERYWHERE} < ${notice}
      ${NDOLA_DESK} < ${notice}
      ${PROVINCE_DESK} < ${notice}
      ${RUTH} < ${REPLY(' Ruth Tembo')}
    `);
    // A zone's agent belongs to the clinic: routed the same way.
    await harness.run(`
      ${MARY} > heip
      ${EVERYWHERE} < Mary Phiri (cba) at Chifubu Clinic(403012) has requested help. Please call them at ${MARY}.
      ${NDOLA_DESK} < Mary Phiri (cba) at Chifubu Clinic(403012) has requested help. Please call them at ${MARY}.
      ${PROVINCE_DESK} < Mary Phiri (cba) at Chifubu Clinic(403012) has requested help. Please call them at ${MARY}.
      ${MARY} < ${REPLY(' Mary Phiri')}
    `);
    const rows: Array<{ text: string; status: string }> = await harness.dataSource.query(
      'SELECT text, status FROM help_request ORDER BY id',
    );
    expect(rows).toEqual([
      { text: 'my PIN does not work', status: 'pending' },
      { text: '', status: 'pending' },
    ]);
  });

  it('names the sender’s role in each admin’s language, as a word of the catalogue', async () => {
    await harness.dataSource.query(`UPDATE contact SET language = 'bem' WHERE name = 'Everywhere Desk'`);
    await harness.run(`
      ${MARY} > HELP
      ${EVERYWHERE} < Mary Phiri (kafwa wa bana) pa Chifubu Clinic(403012) alomba ubwafwilisho. Mumutumine foni pa ${MARY}.
      ${NDOLA_DESK} < Mary Phiri (cba) at Chifubu Clinic(403012) has requested help. Please call them at ${MARY}.
      ${PROVINCE_DESK} < Mary Phiri (cba) at Chifubu Clinic(403012) has requested help. Please call them at ${MARY}.
      ${MARY} < ${REPLY(' Mary Phiri')}
    `);
  });

  it('sends a stranger’s or a placeless contact’s request only to the admins without places', async () => {
    await harness.run(`
      ${STRANGER} > support nobody knows me
      ${EVERYWHERE} < Someone has requested help. Please call them at ${STRANGER}. Their message was: nobody knows me
      ${STRANGER} < ${REPLY('')}
      ${NOMAD} > helpme
      ${EVERYWHERE} < No Where (clinic-worker) has requested help. Please call them at ${NOMAD}.
      ${NOMAD} < ${REPLY(' No Where')}
    `);
  });

  it('keeps 160 characters of the text, as sent', async () => {
    const long = `Ab0ut ${'x'.repeat(200)}`;
    await harness.run(`
      ${STRANGER} > hellp ${long}
      ${EVERYWHERE} <~ ^Someone has requested help. Please call them at \\+260977000099. Their message was: Ab0ut$
      ${EVERYWHERE} < ${'x'.repeat(154)}
      ${STRANGER} < ${REPLY('')}
    `);
    const [row]: Array<{ text: string }> = await harness.dataSource.query('SELECT text FROM help_request');
    expect(row.text).toBe(long.slice(0, 160));
  });

  it('CONTACTS lists a place’s active contacts to help admins, five unless asked', async () => {
    for (let i = 1; i <= 6; i++)
      await harness.build.person(`Worker ${i}`, `+26097710000${i}`, ['clinic-worker'], chifubu);
    await harness.run(`
      ${RUTH} > CONTACTS 403012
      ${RUTH} < Sorry, you must be registered as HELP ADMIN to look up contacts. If you think this message is a mistake, respond with keyword 'HELP'
      ${EVERYWHERE} > contacts 403012 two
      ${EVERYWHERE} < Contacts at Chifubu Clinic: Mary Phiri;${MARY}. ****Ruth Tembo;${RUTH}.
      ${EVERYWHERE} > CONTACS 403012
      ${EVERYWHERE} < Contacts at Chifubu Clinic: Mary Phiri;${MARY}. ****Ruth Tembo;${RUTH}. ****Worker 1;+260977100001. ****Worker 2;+260977100002. ****Worker
      ${EVERYWHERE} < 3;+260977100003.
      ${EVERYWHERE} > CONTACTS 404000
      ${EVERYWHERE} < There are no active contacts at Kitwe
      ${EVERYWHERE} > CONTACTS 999999
      ${EVERYWHERE} < Sorry, I don't know about a location with code 999999. Please check your code and try again.
      ${EVERYWHERE} > CONTACTS
      ${EVERYWHERE} < To see the contacts at a location, send CONTACTS <LOCATION_CODE> [<HOW MANY>]
    `);
  });

  it('lists open requests and marks them addressed or resolved with a note and who did it', async () => {
    await harness.run(`
      ${STRANGER} > HELP call me
      ${EVERYWHERE} <~ ^Someone
      ${STRANGER} < ${REPLY('')}
    `);
    const desk = harness.get(HelpDesk);
    const db = harness.dataSource.manager;
    const [open] = await desk.requests({}, db);
    expect(open).toMatchObject({ phone: STRANGER, text: 'call me', status: 'pending' });
    expect(await desk.mark(open.id, 'addressed', 'alice', 'called, no answer', db)).toBe(true);
    expect((await desk.requests({}, db))[0]).toMatchObject({
      status: 'addressed',
      note: 'called, no answer',
      handledBy: 'alice',
    });
    await desk.mark(open.id, 'resolved', 'bob', 'PIN reset', db);
    expect(await desk.requests({}, db)).toEqual([]);
    expect((await desk.requests({ includeResolved: true }, db))[0]).toMatchObject({
      status: 'resolved',
      handledBy: 'bob',
    });
    expect(await desk.mark(open.id + 100, 'resolved', 'bob', '', db)).toBe(false);
  });
});
