import { Injectable } from '@nestjs/common';
import { ContactsService } from '../contacts/contacts.service';
import { z } from 'zod';
import { defineGateway, type GatewaySender, type OutboundSms, type SendOutcome } from '../gateways/gateway';
import { literal } from '../i18n/translatable';
import { MessageRecord } from '../message-log/message.entity';
import { ConversationHarness } from '../testing/harness';
import { OutboxSender } from './outbox.sender';
import { OutboxWriter } from './outbox.writer';
import { SendTimeText, type SendTimeMessage, type SendTimeTextRenderer } from './send-time-text';

const sent: OutboundSms[] = [];

@Injectable()
class RecordingSender implements GatewaySender {
  async send(sms: OutboundSms): Promise<SendOutcome> {
    sent.push(sms);
    return { providerId: null };
  }
}

/** The app's own rows, which only the send-time text reads. */
const codes = new Map<string, string>();

@SendTimeText('test.code')
class CodeText implements SendTimeTextRenderer {
  async render(message: SendTimeMessage): Promise<string> {
    return message.storedText.replace('••••', codes.get(message.to) ?? '????');
  }
}

describe("an app's send-time text (real PostgreSQL)", () => {
  let harness: ConversationHarness;

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      providers: [CodeText],
      gateways: [defineGateway({ type: 'recording', options: z.strictObject({}), sender: RecordingSender })],
      config: { backends: { gateways: { tester: { type: 'recording' } }, rateLimit: 1000 } },
    });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    sent.length = 0;
    codes.clear();
    await harness.reset();
  });

  const queue = async (text: string, kind?: string, secrets?: string[]) => {
    const connection = await harness.get(ContactsService).connectionFor('tester', '+260977000001');
    await harness.dataSource.transaction((db) =>
      harness
        .get(OutboxWriter)
        .write(
          db,
          [{ to: { connection, contact: null }, text: literal(text), params: {}, app: 'test', kind, secrets }],
          { priority: 'bulk' },
        ),
    );
  };
  const stored = () => harness.dataSource.manager.find(MessageRecord, { where: { direction: 'out' } });

  it('sends the text the app makes at send time, while the message log keeps what it wrote', async () => {
    await queue('Your code is ••••', 'test.code');
    codes.set('+260977000001', '8765');
    await harness.get(OutboxSender).sendDue();
    expect(sent.map((s) => [s.text, s.encoding])).toEqual([['Your code is 8765', 'GSM-7']]);
    expect(await stored()).toMatchObject([{ text: 'Your code is ••••', kind: 'test.code', status: 'sent' }]);
    const history = (await harness.dataSource.query('SELECT detail FROM message_event')) as Array<{ detail: unknown }>;
    expect(JSON.stringify(history)).not.toContain('8765');
  });

  it('keeps the secrets of a text masked in the message log and sends them sealed, split as the clear text is', async () => {
    const long = `Hi Mary, your PIN is 8765. ${'Remember it well. '.repeat(8)}Result: Detected.`;
    await queue(long, undefined, ['8765', 'Detected']);
    await harness.get(OutboxSender).sendDue();
    const rows = await harness.dataSource.manager.find(MessageRecord, {
      where: { direction: 'out' },
      order: { id: 'ASC' },
    });
    expect(rows.length).toBe(2);
    expect(rows.map((r) => r.text).join('')).not.toMatch(/8765|Detected/);
    expect(rows[0].text).toContain('your PIN is ••••.');
    expect(rows[1].text).toContain('Result: •••.');
    expect(rows.map((r) => r.kind)).toEqual(['core.sealed', 'core.sealed']);
    expect(rows.map((r) => r.ref).join('')).not.toMatch(/8765|Detected/);
    expect(sent.map((s) => s.text).join(' ')).toBe(long.trim());
    const everything = JSON.stringify(await harness.dataSource.query('SELECT * FROM message_event'));
    expect(everything).not.toMatch(/8765|Detected/);
  });

  it('sends a text whose secrets do not occur in a part as it is, unsealed', async () => {
    await queue('Nothing secret here', undefined, ['8765']);
    await harness.get(OutboxSender).sendDue();
    expect(await stored()).toMatchObject([{ text: 'Nothing secret here', kind: null, ref: null }]);
    expect(sent.map((s) => s.text)).toEqual(['Nothing secret here']);
  });

  it('sends a message without a kind as it is stored', async () => {
    await queue('Plain ••••');
    await harness.get(OutboxSender).sendDue();
    expect(sent.map((s) => s.text)).toEqual(['Plain ••••']);
  });

  it('fails for good a message of a kind no app renders, sending nothing', async () => {
    await queue('Your code is ••••', 'nobody.renders');
    await harness.get(OutboxSender).sendDue();
    expect(sent).toEqual([]);
    expect(await stored()).toMatchObject([
      { status: 'failed', error: 'no send-time text is declared for messages of kind "nobody.renders"' },
    ]);
  });
});
