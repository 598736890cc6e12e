/**
 * pnpm bench:router [messages]: routes messages through the router with a few keyword apps
 * (ECHO, PING, LANGUAGE, LEAVE and unknown words for the default reply) on PostgreSQL, one at
 * a time (latency) and 8 at a time (throughput), and the same texts through the phases alone
 * in memory, to show what storing costs. Prints figures; asserts nothing (times are noisy).
 */
import { Connection } from '../contacts/connection.entity';
import { IncomingMessage } from '../messaging/incoming-message';
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { formatFigures, peakRssMb, type RunFigures, timed } from './stats';

const TEXTS = ['echo hello there', 'ping', 'ECHO (4o30i2), sample.', 'lang en', 'what is this', 'leave'];

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const harness = await ConversationHarness.create({ imports: [EchoModule] });
  try {
    const phones: string[] = [];
    for (let i = 0; i < 500; i++) phones.push((await harness.build.contact({ name: `Worker ${i}` })).phone);
    const messages = Array.from({ length: count }, (_, i) => ({
      phone: phones[i % phones.length],
      text: TEXTS[i % TEXTS.length],
    }));
    const route = (m: { phone: string; text: string }) =>
      harness.router.receive({ gateway: 'tester', identity: m.phone, text: m.text });

    await timed('warm-up', messages.slice(0, 500), 4, route);
    const rows: RunFigures[] = [];
    rows.push(await timed('PostgreSQL, one at a time', messages, 1, route));
    rows.push(await timed('PostgreSQL, 8 in flight', messages, 8, route));

    const connection = {
      id: 0,
      backend: 'tester',
      identity: '+260977000001',
      contactId: null,
      createdAt: new Date(),
    } satisfies Connection;
    const inMemory = (m: { text: string }) =>
      harness.router.process(
        new IncomingMessage({ id: '0', text: m.text, createdAt: new Date(), providerId: null }, connection, null, null),
      );
    const baseline = await timed('in memory: phases only, nothing stored', messages, 1, inMemory);
    rows.push(baseline);

    const [{ inbound, outbound }]: Array<{ inbound: string; outbound: string }> = await harness.dataSource.query(
      `SELECT count(*) FILTER (WHERE direction = 'in') AS inbound, count(*) FILTER (WHERE direction = 'out') AS outbound FROM message`,
    );
    process.stdout.write(
      `router benchmark: ${count} messages of ${TEXTS.length} kinds (ECHO, PING, LANGUAGE, LEAVE, unknown), node ${process.version}\n\n` +
        `${formatFigures(rows, baseline)}\n\n` +
        `stored: ${inbound} inbound, ${outbound} outbound rows; peak RSS ${peakRssMb()} MB\n`,
    );
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
