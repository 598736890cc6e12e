import { SealedTexts, type Contact, MessageRecord } from '@mwana/core';
import { type ConversationHarness, storedPin } from '@mwana/core/testing';
import { Logger } from '@nestjs/common';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';

describe('PIN RESET <phone>: a help admin resets a forgotten PIN, which goes to the user only', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let user: Contact;

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    user = await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', phone: '+260977000001', pin: '1234' });
    await harness.build.contact({ name: 'Help Desk', phone: '+260977000009', helpAdmin: true });
  });

  const pinMatches = async (pin: string) => (await storedPin(harness, user.id)).matches(pin);
  const locks = async (): Promise<number> =>
    (
      await harness.dataSource.query(`SELECT count(*)::int AS n FROM lockout WHERE scope = 'pin' AND subject = $1`, [
        String(user.id),
      ])
    )[0].n;

  it('refuses anyone but a help admin, and asks for one phone number', async () => {
    await harness.run(`
      +260977000001 > PIN RESET +260977000001
      +260977000001 < You must be a registered help admin to reset a PIN.
      +260977000009 > pin reset
      +260977000009 < To reset the PIN of a user, send PIN RESET <phone #>
      +260977000009 > PIN RESET +260977000001 +260977000002
      +260977000009 < To reset the PIN of a user, send PIN RESET <phone #>
      +260977000009 > PIN RESET 0977000055
      +260977000009 < Sorry, I don't know of a registered user with the phone number 0977000055.
    `);
    expect(await pinMatches('1234')).toBe(true);
  });

  it('sends a new PIN to the user, tells the admin without it, and lifts a wrong-PIN lock', async () => {
    await harness.dataSource.query(
      `INSERT INTO lockout (scope, subject, failures, locked_until, updated_at) VALUES ('pin', $1, 0, $2, $2)`,
      [String(user.id), new Date('2026-01-06T10:00:00Z')],
    );
    expect(await locks()).toBe(1);
    const written: string[] = [];
    const spies = (['log', 'warn', 'error', 'debug', 'verbose'] as const).map((level) =>
      jest
        .spyOn(Logger.prototype, level)
        .mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(' '))),
    );
    await harness.run(`
      +260977000009 > PIN RESET 0977000001
      +260977000001 <~ ^Hi Mary Phiri, the help desk has reset your Results160 PIN\\. Your new PIN is \\d{4}\\. Please remember it and delete this message\\.$
      +260977000009 < The PIN of Mary Phiri (+260977000001) has been reset. The new PIN was sent to their phone only.
    `);
    const sent = await harness.dataSource
      .getRepository(MessageRecord)
      .findOneByOrFail({ direction: 'out', contactId: user.id });
    // The message log keeps it masked; the SMS leaves with the PIN sealed beside it.
    expect(sent.text).toContain('Your new PIN is ••••.');
    const pin = /new PIN is (\d{4})/.exec(harness.get(SealedTexts).open(sent.ref!))![1];
    for (const spy of spies) spy.mockRestore();
    expect(written.join('\n')).not.toMatch(new RegExp(`\\b${pin}\\b`));
    expect(await pinMatches(pin)).toBe(true);
    expect(await pinMatches('1234')).toBe(pin === '1234');
    expect(await locks()).toBe(0);
  });
});
