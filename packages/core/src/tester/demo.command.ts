import { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { type CliIo, OperatorCommand, type OperatorCommandRunner } from '../cli/operator-command';
import { Clock } from '../clock/clock';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { OutboxSender } from '../outbox/outbox.sender';
import { Scheduler } from '../scheduling/scheduler.service';
import {
  DEMO_ENVIRONMENTS,
  type DemoDay,
  type DemoSeeder,
  DemoSeedMeta,
  type DemoSeedOptions,
  type DemoSession,
} from './demo-seed';
import { TesterService } from './tester.service';

/** The demo's phones, per country: a block of made-up numbers no one is given. */
const DEMO_PHONES: Readonly<Record<string, string>> = { MW: '+2659991000', ZM: '+2609771000' };

/**
 * `mwana demo seed`: the demo data a first run shows (places, clinics, workers, agents,
 * results in every state, births, a broadcast), made by each installed app's `@DemoSeed`
 * through the message tester and the apps' own services. Refused in staging and production;
 * once seeded (the demo's first phone has a thread), a second run says so and changes nothing.
 */
@OperatorCommand({
  name: 'demo',
  usage: ['demo seed                          demo data for the console (development and test only; once)'],
})
export class DemoCommand implements OperatorCommandRunner {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly tester: TesterService,
    private readonly scheduler: Scheduler,
    private readonly sender: OutboxSender,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: MwanaConfig,
  ) {}

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    if (argv.length !== 1 || argv[0] !== 'seed') {
      io.err('Usage: mwana demo seed');
      return 2;
    }
    if (!DEMO_ENVIRONMENTS.includes(this.config.env)) {
      io.err(`Refused: demo data is for development and test, and this is ${this.config.env}. Nothing was changed.`);
      return 1;
    }
    const country = this.config.section(countryConfig);
    const block = DEMO_PHONES[country.code];
    const gateway = this.tester.testerGateways()[0];
    if (!block || !gateway) {
      io.err(
        !block
          ? `No demo phones for country code ${country.code}. Nothing was changed.`
          : 'The demo types its SMS through a gateway of type tester, and none is configured. Nothing was changed.',
      );
      return 1;
    }
    const phone = (n: number) => {
      if (!Number.isInteger(n) || n < 1 || n > 99) throw new Error(`demo phone ${n}: 1 to 99`);
      return `${block}${String(n).padStart(2, '0')}`;
    };
    const [seeded] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM message m JOIN connection c ON c.id = m.connection_id
        WHERE c.backend = $1 AND c.identity LIKE $2`,
      [gateway, `${block}%`],
    );
    if (seeded.n > 0) {
      io.out(
        `Already seeded: the demo's phones (${phone(1)} ...) have ${seeded.n} message(s) here. Nothing was changed.`,
      );
      return 0;
    }

    const seeders = this.discovery
      .getProviders({ metadataKey: DemoSeedMeta.KEY })
      .map((wrapper) => ({
        options: this.discovery.getMetadataByDecorator(DemoSeedMeta, wrapper) as DemoSeedOptions,
        seeder: wrapper.instance as DemoSeeder,
      }))
      .sort((a, b) => a.options.order - b.options.order);
    const session: DemoSession = {
      countryDir: this.config.countryDir,
      phone,
      sms: async (from, text, expect) => {
        const sent = await this.tester.send(gateway, from, text);
        const replies = sent.replies.map((r) => r.text);
        if (expect && !expect.test(replies[0] ?? ''))
          throw new Error(
            `the demo's "${text.split(' ')[0]}" from ${from} was answered "${replies[0] ?? '(nothing)'}"`,
          );
        return replies;
      },
      runJob: async (name) => {
        const result = await this.scheduler.run(name);
        if (result.error) throw new Error(`${name}: ${result.error}`);
        return result.messages;
      },
      deliver: () => this.deliver(gateway, block),
      day: (daysAgo) => day(this.clock.now(), country.timezone, daysAgo),
      shared: new Map(),
    };
    io.out(`Seeding demo data for ${country.name} through the message tester ("${gateway}"):`);
    for (const { options, seeder } of seeders) {
      const lines = await seeder.seed(session);
      for (const line of lines) io.out(`  ${options.app}: ${line}`);
    }
    await session.deliver();
    io.out(
      `Done. Open the console to see it; the demo's phones are ${phone(1)} and the numbers after it (the tester shows their threads).`,
    );
    return 0;
  }

  /**
   * Sends the demo's queued SMS until none is queued or in a sender's hands (this process's
   * worker may hold some: they are waited for, so none is handed back when the command ends).
   */
  private async deliver(gateway: string, block: string): Promise<void> {
    const deadline = Date.now() + DELIVER_TIMEOUT_MS;
    for (;;) {
      const sent = await this.sender.sendDue();
      const [left] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM message m JOIN connection c ON c.id = m.connection_id
          WHERE m.direction = 'out' AND m.status IN ('queued', 'sending') AND c.backend = $1 AND c.identity LIKE $2`,
        [gateway, `${block}%`],
      );
      if (left.n === 0) return;
      if (Date.now() > deadline)
        throw new Error(`${left.n} demo SMS still unsent after ${DELIVER_TIMEOUT_MS / 1000} s`);
      if (sent === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** How long the demo waits for its SMS to leave (the tester delivers each at once). */
const DELIVER_TIMEOUT_MS = 60_000;

function day(now: Date, timeZone: string, daysAgo: number): DemoDay {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - daysAgo);
  const iso = date.toISOString().slice(0, 10);
  return { iso, dmy: `${date.getUTCDate()}/${date.getUTCMonth() + 1}/${date.getUTCFullYear()}` };
}
