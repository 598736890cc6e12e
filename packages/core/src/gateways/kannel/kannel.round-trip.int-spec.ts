import { STARTUP_TIMEOUT_MS } from '../../testing/timeouts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversationHarness } from '../../testing/harness';
import { gatewayHarness, messages } from '../../testing/fake-gateway';
import { OutboxSender } from '../../outbox/outbox.sender';
import { decodeKannelText, percentEncode, queryBytes, utf16be } from './kannel-text';
import {
  BEARERBOX,
  FAKESMSC,
  freePorts,
  kannelConf,
  kannelInstalled,
  type KannelPorts,
  portOpen,
  SMSBOX,
  start,
  type Started,
  stop,
  tempDir,
  until,
  writeConf,
} from '../../testing/kannel-process';

const SECRET = 'round-trip-secret';
const PHONE = '+260977000001';

/**
 * Debian's Kannel, started here on loopback: a phone (fakesmsc) texts the fake SMSC,
 * bearerbox and smsbox call Mwana's Kannel route, the ECHO app replies, the sender sends
 * the reply through Kannel's cgi-bin/sendsms, and fakesmsc receives it.
 */
const installed = kannelInstalled();
const skipped = `${BEARERBOX} is absent (apt-get install kannel kannel-extras)`;
if (!installed) console.warn(`Skipping the real Kannel round trip: ${skipped}.`);
const suite = installed ? describe : describe.skip;

suite(installed ? 'Kannel round trip (bearerbox, smsbox, fakesmsc)' : `Kannel round trip: SKIPPED, ${skipped}`, () => {
  let harness: ConversationHarness;
  let dir: { dir: string; remove: () => Promise<void> };
  let ports: KannelPorts;
  const processes: Started[] = [];

  beforeAll(async () => {
    dir = await tempDir();
    // A port picked free may be taken before Kannel binds it: one more try with new ones.
    for (let attempt = 1; ; attempt++) {
      try {
        await startKannel();
        return;
      } catch (error) {
        if (attempt === 2) throw error; // afterAll stops and closes what was started
        for (const started of processes.splice(0).reverse()) await stop(started);
        await harness.close();
      }
    }
  }, STARTUP_TIMEOUT_MS);

  async function startKannel(): Promise<void> {
    const [admin, smsbox, smsc, sendsms] = await freePorts(4);
    ports = { admin, smsbox, smsc, sendsms };
    harness = await gatewayHarness({
      zain: {
        type: 'kannel',
        sendsmsUrl: `http://127.0.0.1:${sendsms}/cgi-bin/sendsms`,
        username: 'mwana',
        password: 'kannel-pw',
        smsc: 'fake',
        from: '5555',
        secret: SECRET,
      },
    });
    const getUrl = `${harness.url}/backends/zain/incoming?secret=${SECRET}&id=%p&text=%b&charset=%C&coding=%c&smsc=%i&message_id=%I`;
    const conf = await writeConf(dir.dir, kannelConf(dir.dir, ports, getUrl));
    await explain(async () => {
      const bearerbox = start('bearerbox', BEARERBOX, [conf], dir.dir);
      processes.push(bearerbox);
      await portOpen(bearerbox, ports.smsbox, 10_000);
      const smsboxProcess = start('smsbox', SMSBOX, [conf], dir.dir);
      processes.push(smsboxProcess);
      await portOpen(smsboxProcess, ports.sendsms, 10_000);
    });
  }

  afterAll(async () => {
    // Every process this file started, newest first, each waited for.
    for (const started of processes.reverse()) await stop(started);
    await harness?.close();
    await dir?.remove();
  }, STARTUP_TIMEOUT_MS);

  /** A phone texts through fakesmsc, which stays connected to receive the reply. */
  function phone(message: string): Started {
    const fakesmsc = start(
      'fakesmsc',
      FAKESMSC,
      ['-H', '127.0.0.1', '-r', String(ports.smsc), '-i', '0.1', '-m', '1', message],
      dir.dir,
    );
    processes.push(fakesmsc);
    return fakesmsc;
  }

  /** Sends what is due until the reply has gone (the harness runs no background worker). */
  async function sendReply(): Promise<void> {
    await until('the reply to be sent through cgi-bin/sendsms', 15_000, async () => {
      await harness.get(OutboxSender).sendDue();
      return (await messages(harness)).some((m) => m.direction === 'out' && ['sent', 'delivered'].includes(m.status));
    });
  }

  async function logs(): Promise<string> {
    const files = await Promise.all(
      ['bearerbox.log', 'smsbox.log'].map((f) => readFile(join(dir.dir, f), 'utf8').catch(() => '')),
    );
    return [...files, ...processes.map((p) => `--- ${p.name}\n${p.output}`)].join('\n').slice(-6_000);
  }

  async function explain<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new Error(`${(error as Error).message}\nKannel's logs:\n${await logs()}`);
    }
  }

  beforeEach(() => harness.reset());

  it(
    'stores "ECHO hi" from the phone and the reply "hi" reaches the phone, then is delivered',
    async () => {
      await explain(async () => {
        const fakesmsc = phone(`${PHONE} 5555 text ECHO hi`);
        await until('Mwana to store the inbound SMS', 15_000, async () => (await messages(harness)).length >= 2);
        const [inbound, reply] = await messages(harness);
        expect(inbound).toMatchObject({
          direction: 'in',
          identity: PHONE,
          connection: 'zain',
          text: 'ECHO hi',
          status: 'handled',
        });
        expect(inbound.providerId).toMatch(/^[0-9a-f-]{36}$/); // Kannel's %I
        expect(reply).toMatchObject({ direction: 'out', identity: PHONE, text: 'hi', gateway: 'zain' });

        await sendReply();
        await until('fakesmsc to receive the reply', 15_000, () => fakesmsc.output.includes(`<5555 ${PHONE} text hi>`));
        // The fake SMSC reports delivery; Kannel calls the dlr-url the sender gave it.
        await until('the delivery report', 15_000, async () => (await messages(harness))[1]?.status === 'delivered');
        await stop(fakesmsc);
      });
    },
    STARTUP_TIMEOUT_MS,
  );

  it(
    'carries UCS-2 text both ways, byte for byte',
    async () => {
      await explain(async () => {
        const text = 'ሰላም 😀 ሉሠ';
        const fakesmsc = phone(`${PHONE} 5555 ucs2 ${percentEncode(utf16be(`ECHO ${text}`))}`);
        await until('Mwana to store the inbound SMS', 15_000, async () => (await messages(harness)).length >= 2);
        expect((await messages(harness))[0]).toMatchObject({ direction: 'in', text: `ECHO ${text}` });

        await sendReply();
        await until('fakesmsc to receive the reply', 15_000, () => /<5555 \S+ ucs-2 [^>]+>/.test(fakesmsc.output));
        const [, data] = /<5555 \S+ ucs-2 ([^>]+)>/.exec(fakesmsc.output) ?? [];
        const bytes = queryBytes(`t=${data}`).get('t') ?? Buffer.alloc(0);
        expect(decodeKannelText(bytes, '2', 'UTF-16BE')).toBe(text);
        await stop(fakesmsc);
      });
    },
    STARTUP_TIMEOUT_MS,
  );
});
