import type { DataSource } from 'typeorm';
import type { FakeClock } from '../clock/clock';
import type { ContactsService } from '../contacts/contacts.service';
import type { SendTimeTexts } from '../outbox/send-time-text';
import { parseScript, type ScriptLine } from './script-parser';

/** A message the system sent, as a script sees it. */
export interface SentSms {
  readonly id: string;
  readonly phone: string;
  readonly text: string;
}

/** Extra `! name args` steps a harness offers, e.g. `jobs run <name>`. */
export type ScriptSteps = Record<string, (args: string[]) => Promise<void>>;

export class ConversationError extends Error {}

/**
 * Runs conversation scripts through the real router and database. Strict: every reply
 * must be expected, in any order within the replies to one message, and an unexpected or
 * missing reply fails with a transcript of what happened.
 */
export class ConversationRunner {
  private watermark = '0';

  constructor(
    private readonly dataSource: DataSource,
    /** Delivers one SMS from a phone as a gateway would (and, in worker mode, lets the worker route it). */
    private readonly deliver: (phone: string, text: string) => Promise<void>,
    private readonly contacts: ContactsService,
    private readonly clock: FakeClock,
    public steps: ScriptSteps = {},
    /** Makes the text of a message an app renders at send time: a script sees what the phone gets, not what the log keeps. */
    private readonly sendTime: SendTimeTexts | null = null,
  ) {}

  /** Starts capturing from now: messages sent before are not expected by the next script. */
  async skipSent(): Promise<void> {
    const [row]: Array<{ max: string | null }> = await this.dataSource.query(
      `SELECT max(id)::text AS max FROM message WHERE direction = 'out'`,
    );
    this.watermark = row.max ?? '0';
  }

  async run(script: string): Promise<void> {
    await this.skipSent();
    const transcript: string[] = [];
    let pending: SentSms[] = [];
    const fail = (line: ScriptLine, problem: string, extra: SentSms[] = pending): never => {
      const unmatched = extra.map((sms) => `    ${sms.phone} < ${sms.text}`).join('\n');
      throw new ConversationError(
        `Conversation failed ${line.line > 0 ? `at script line ${line.line}` : 'at the end of the script'}: ${problem}\n` +
          (unmatched ? `  sent and not expected:\n${unmatched}\n` : '') +
          `  transcript so far:\n${transcript.map((t) => `    ${t}`).join('\n')}`,
      );
    };
    for (const line of parseScript(script)) {
      if (line.kind !== 'expect') {
        pending.push(...(await this.sentSinceWatermark()));
        if (pending.length > 0) fail(line, 'a reply came that the script does not expect');
      }
      switch (line.kind) {
        case 'send':
          transcript.push(`${line.phone} > ${line.text}`);
          await this.deliver(line.phone, line.text);
          break;
        case 'clock':
          if (line.set) this.clock.set(line.set);
          else this.clock.advance(line.advance!);
          transcript.push(`@ ${this.clock.now().toISOString()}`);
          break;
        case 'step': {
          const step = this.steps[line.name];
          if (!step)
            fail(line, `no step "${line.name}" (this harness has: ${Object.keys(this.steps).join(', ') || 'none'})`);
          transcript.push(`! ${line.name} ${line.args.join(' ')}`.trimEnd());
          await step(line.args);
          break;
        }
        case 'expect': {
          pending.push(...(await this.sentSinceWatermark()));
          const phone = this.contacts.normalize(line.phone);
          const index = pending.findIndex(
            (sms) => sms.phone === phone && (line.regex ? line.regex.test(sms.text) : sms.text === line.text),
          );
          if (index < 0) {
            fail(line, `expected ${line.phone} ${line.regex ? '<~' : '<'} ${line.text}`);
          }
          transcript.push(`${line.phone} < ${pending[index].text}`);
          pending = pending.filter((_, i) => i !== index);
          break;
        }
      }
    }
    pending.push(...(await this.sentSinceWatermark()));
    if (pending.length > 0) {
      fail({ kind: 'step', line: -1, name: 'end', args: [] }, 'the script ended with replies it does not expect');
    }
  }

  /** Outbound messages (not cancelled) written since the last look, oldest first, with the text they leave with. */
  async sentSinceWatermark(): Promise<SentSms[]> {
    const rows: Array<{ id: string; identity: string; text: string; kind: string | null; ref: string | null }> =
      await this.dataSource.query(
        `SELECT m.id::text AS id, c.identity, m.text, m.kind, m.ref FROM message m JOIN connection c ON c.id = m.connection_id
          WHERE m.direction = 'out' AND m.status <> 'cancelled' AND m.id > $1 ORDER BY m.id`,
        [this.watermark],
      );
    if (rows.length > 0) this.watermark = rows[rows.length - 1].id;
    const sent: SentSms[] = [];
    for (const r of rows) {
      const text =
        r.kind && this.sendTime?.has(r.kind)
          ? await this.sendTime.render({ id: r.id, kind: r.kind, storedText: r.text, to: r.identity, ref: r.ref })
          : r.text;
      sent.push({ id: r.id, phone: r.identity, text });
    }
    return sent;
  }
}
