/**
 * pnpm bench:broadcast [contacts]: one BLAST from a help admin to 20,000 contacts on a fresh
 * PostgreSQL database (created for the run and dropped after it, so autovacuum being off
 * does not matter; the seeded tables are analyzed, as autovacuum would). Prints the time until every message is queued (the BLAST routed: one
 * contacts query, one outbox statement), until the fake gateway (a process of its own) has
 * them all, this process's peak RSS; then a second BLAST sent by two worker processes at
 * `rateLimit: 50` and the send rate the gateway measured over 10 s. Asserts nothing.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { LocationsModule, locationsConfig, locationsMigrations } from '@mwana/app-locations';
import { ConversationHarness, createTestDatabase } from '@mwana/core/testing';
import { broadcastConfig } from '../broadcast.config';
import { BroadcastModule } from '../broadcast.module';
import { broadcastMigrations } from '../migrations';
import type { GatewayCount } from './counting-gateway';

const CONTACTS = Number(process.argv[2] ?? 20_000);
const ADMIN = '+260977999999';
const RATE = 50;
const WINDOW_MS = 10_000;

interface Gateway {
  readonly url: string;
  count(since?: number): Promise<GatewayCount>;
  stop(): void;
}

async function countingGateway(): Promise<Gateway> {
  const child = fork(join(__dirname, 'counting-gateway.js'));
  const url = await new Promise<string>((resolve) => child.once('message', (u: string) => resolve(u)));
  return {
    url,
    count: (since) =>
      new Promise((resolve) => {
        child.once('message', (answer: GatewayCount) => resolve(answer));
        child.send({ since });
      }),
    stop: () => child.kill(),
  };
}

/**
 * A MWANA_ROLE=worker process (core's benchmark worker): sends what the queue holds until
 * killed (a graceful stop would first send the rest of the BLAST at 50 a second).
 */
async function workerProcess(databaseUrl: string, backends: Record<string, unknown>): Promise<() => void> {
  const child = fork(join(__dirname, '../../../core/dist/bench/worker-process.js'));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the worker process stopped (${code})`)));
    child.send({ databaseUrl, backends });
  });
  child.removeAllListeners('exit');
  return () => child.kill('SIGKILL');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function main(): Promise<void> {
  const database = await createTestDatabase('mwana_bench_broadcast');
  const gateway = await countingGateway();
  const gateways = {
    tester: { type: 'tester' },
    zain: {
      type: 'kannel',
      username: 'bench',
      password: 'bench',
      sendsmsUrl: gateway.url,
      secret: 'bench-secret-0123456789',
      dlrMask: 0,
    },
  };
  const locations = {
    codeFormat: 'PPDDFF',
    clinicTypes: ['clinic'],
    districtType: 'district',
    provinceType: 'province',
  };
  const broadcast = { maxRecipients: CONTACTS + 1 };
  const harness = await ConversationHarness.create({
    database,
    imports: [
      LocationsModule.forRoot(locationsConfig.schema.parse(locations)),
      BroadcastModule.forRoot(broadcastConfig.schema.parse(broadcast)),
    ],
    sections: [locationsConfig, broadcastConfig],
    config: {
      locations,
      broadcast,
      // No worker loop of its own: this process routes, and sends only when told to (harness.work()).
      backends: { gateways, rateLimit: 100_000, sendConcurrency: 64, pollMs: 0 },
      log: { level: 'error' },
    },
    migrations: [...locationsMigrations, ...broadcastMigrations],
  });
  try {
    await harness.build.contact({ name: 'Help Desk', phone: ADMIN, helpAdmin: true });
    await harness.dataSource.query(
      `WITH c AS (INSERT INTO contact (name, roles) SELECT 'Bench ' || g, '{clinic-worker}' FROM generate_series(1, $1) g RETURNING id)
       INSERT INTO connection (backend, identity, contact_id) SELECT 'zain', '+260966' || lpad(id::text, 6, '0'), id FROM c`,
      [CONTACTS],
    );
    // What autovacuum would do after a bulk load (it is off on this machine): without
    // statistics the planner takes the new 20,000-row tables for empty ones.
    await harness.dataSource.query('ANALYZE contact; ANALYZE connection');
    console.log(`broadcast bench: one BLAST to ${CONTACTS} contacts, fresh database ${database.name}`);

    const started = performance.now();
    await harness.deliver(ADMIN, 'BLAST The system will be down tonight from 22:00 to 23:00');
    const queuedMs = performance.now() - started;
    const [{ n }]: Array<{ n: number }> = await harness.dataSource.query(
      `SELECT count(*)::int AS n FROM message WHERE direction = 'out' AND status = 'queued' AND priority = 'bulk'`,
    );
    console.log(`  queued:           ${(queuedMs / 1000).toFixed(2)} s (${n} messages queued; target < 10 s)`);

    while ((await gateway.count()).arrived < CONTACTS) await harness.work();
    const atGatewayMs = performance.now() - started;
    console.log(
      `  at the gateway:   ${(atGatewayMs / 1000).toFixed(2)} s (${Math.round(CONTACTS / ((atGatewayMs - queuedMs) / 1000))} SMS/s once queued, one process, rateLimit 100000)`,
    );
    console.log(`  peak RSS:         ${peakRssMb()} MB (this process: routing and sending)`);

    // Two worker processes at rateLimit 50: a second BLAST, the gateway's arrivals over a window.
    const backends = { gateways, rateLimit: RATE, sendConcurrency: 8, pollMs: 50 };
    await harness.deliver(ADMIN, 'BLAST Second notice: the system is back');
    const stops = [await workerProcess(database.url, backends), await workerProcess(database.url, backends)];
    const before = await gateway.count();
    while ((await gateway.count()).arrived === before.arrived) await sleep(20);
    const windowStart = Date.now();
    await sleep(WINDOW_MS);
    const { times = [] } = await gateway.count(windowStart);
    for (const stop of stops) stop();
    const rate = times.length > 1 ? ((times.length - 1) * 1000) / (times[times.length - 1] - times[0]) : 0;
    console.log(
      `  two workers:      ${rate.toFixed(1)} SMS/s at rateLimit ${RATE} (${times.length} SMS in ${WINDOW_MS / 1000} s; ratio ${(rate / RATE).toFixed(2)})`,
    );
  } finally {
    gateway.stop();
    await harness.close();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
