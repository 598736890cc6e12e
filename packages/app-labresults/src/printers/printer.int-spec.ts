import type { Location } from '@mwana/app-locations';
import { ConnectionEntity, ContactEntity, type ConversationHarness } from '@mwana/core/testing';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { IndependentPrinterClinic } from './independent-printer-clinic.entity';
import { MessageConfirmation } from './message-confirmation.entity';
import { printed } from './printer-sms.testing';

const HELP = 'To add or remove a printer, send PRINTER ADD|REMOVE <location> <backend> <phone #>';
const NOT_ADMIN = 'You must be a registered help admin to add or remove printers.';
const REGISTERED =
  'You have successfully registered this printer at Chifubu Clinic. You will receive results as soon as they are available.';
const DEREGISTERED = 'This printer has been deregistered from Chifubu Clinic. You will no longer receive results.';
const ADMIN = '+260977000100';
const PRINTER = '+260977000050';

describe('PRINTER ADD|REMOVE and Confirm SMS (docs/keywords.md#printer, #confirm-sms)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let clinic: Location;

  beforeAll(async () => {
    harness = await createLabResultsHarness({ ...ZAMBIA, independentPrinters: true });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    await harness.build.contact({ name: 'Help Desk', phone: ADMIN, helpAdmin: true });
  });

  const confirmations = () => harness.dataSource.getRepository(MessageConfirmation).find({ order: { id: 'ASC' } });

  it('is for help admins only, and says how to use it for anything but four words with ADD or REMOVE', async () => {
    await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.run(`
      +260977000001 > printer add 403012 tester 0977000050
      +260977000001 < ${NOT_ADMIN}
      +260977000009 > PRINTER
      +260977000009 < ${NOT_ADMIN}
      ${ADMIN} > printer
      ${ADMIN} < ${HELP}
      ${ADMIN} > printer add 403012 tester
      ${ADMIN} < ${HELP}
      ${ADMIN} > printer plug 403012 tester 0977000050
      ${ADMIN} < ${HELP}
      ${ADMIN} > printer add 999999 tester 0977000050
      ${ADMIN} < Location ID 999999 is not known.
      ${ADMIN} > printer add 403012 Zain 0977000050
      ${ADMIN} < Backend name Zain is not known.
    `);
    expect(await harness.dataSource.getRepository(ContactEntity).countBy({ name: 'Printer in Chifubu Clinic' })).toBe(
      0,
    );
  });

  it('adds a printer on a national number, greets it with sequence 00, and marks the clinic as having its own printer', async () => {
    await harness.run(`
      ${ADMIN} > PRINTER ADD 403012 TESTER 0977000050
      ${PRINTER} <~ ${printed('00', REGISTERED)}
      ${ADMIN} < Printer added successfully.
    `);
    const connection = await harness.dataSource
      .getRepository(ConnectionEntity)
      .findOneOrFail({ where: { backend: 'tester', identity: PRINTER }, relations: { contact: true } });
    expect(connection.contact).toMatchObject({
      name: 'Printer in Chifubu Clinic',
      roles: ['printer'],
      locationId: clinic.id,
      active: true,
    });
    expect(
      await harness.dataSource.getRepository(IndependentPrinterClinic).findBy({ clinicId: clinic.id }),
    ).toHaveLength(1);
    expect(await confirmations()).toMatchObject([
      { connectionId: connection.id, seq: 0, text: `00${REGISTERED}`, confirmed: false, resultId: null },
    ]);

    // The same printer again keeps its contact; the sequence goes on.
    await harness.run(`
      ${ADMIN} > printer add 403012 tester ${PRINTER}
      ${PRINTER} <~ ${printed('01', REGISTERED)}
      ${ADMIN} < Printer added successfully.
    `);
    expect(await harness.dataSource.getRepository(ContactEntity).countBy({ name: 'Printer in Chifubu Clinic' })).toBe(
      1,
    );
  });

  it('removes a printer: says goodbye to it, deactivates it, and unmarks a clinic left without one', async () => {
    await harness.run(`
      ${ADMIN} > printer add 403012 tester 0977000050
      ${PRINTER} <~ ${printed('00', REGISTERED)}
      ${ADMIN} < Printer added successfully.
      ${ADMIN} > printer remove 403012 tester 0977000051
      ${ADMIN} < No active printer found with that backend and phone number at that location.
      ${ADMIN} > printer remove 403000 tester 0977000050
      ${ADMIN} < Location ID 403000 is not known.
      ${ADMIN} > printer remove 403012 tester 0977000050
      ${PRINTER} <~ ${printed('01', DEREGISTERED)}
      ${ADMIN} < Printer removed successfully.
      ${ADMIN} > printer remove 403012 tester 0977000050
      ${ADMIN} < No active printer found with that backend and phone number at that location.
    `);
    const printer = await harness.dataSource
      .getRepository(ContactEntity)
      .findOneByOrFail({ name: 'Printer in Chifubu Clinic' });
    expect(printer.active).toBe(false);
    expect(
      await harness.dataSource.getRepository(ConnectionEntity).findOneByOrFail({ identity: PRINTER }),
    ).toMatchObject({
      contactId: null,
    });
    expect(await harness.dataSource.getRepository(IndependentPrinterClinic).count()).toBe(0);
  });

  it('wraps the sequence from ff to 00', async () => {
    const other = await harness.build.contact({ name: 'Printer elsewhere', roles: ['printer'] });
    const connection = await harness.dataSource
      .getRepository(ConnectionEntity)
      .findOneByOrFail({ contactId: other.id });
    await harness.dataSource.getRepository(MessageConfirmation).insert({
      connectionId: connection.id,
      resultId: null,
      text: 'ffold',
      seq: 255,
      sentAt: new Date('2026-01-06T08:00:00Z'),
      confirmed: true,
    });
    await harness.run(`
      ${ADMIN} > printer add 403012 tester 0977000050
      ${PRINTER} <~ ${printed('00', REGISTERED)}
      ${ADMIN} < Printer added successfully.
    `);
  });

  it('takes Confirm SMS before the keyword handlers, never answers it, and confirms 00 like any other', async () => {
    await harness.run(`
      ${ADMIN} > printer add 403012 tester 0977000050
      ${PRINTER} <~ ${printed('00', REGISTERED)}
      ${ADMIN} < Printer added successfully.
      ${ADMIN} > printer add 403012 tester 0977000050
      ${PRINTER} <~ ${printed('01', REGISTERED)}
      ${ADMIN} < Printer added successfully.
      ${PRINTER} > Confirm SMS: 00
      ${PRINTER} > confirm sms:0f
      ${ADMIN} > Confirm SMS: 01
    `);
    expect((await confirmations()).map((c) => c.confirmed)).toEqual([true, false]);
    await harness.run(`
      ${PRINTER} > CONFIRM SMS: 01
    `);
    expect((await confirmations()).map((c) => c.confirmed)).toEqual([true, true]);
  });
});
