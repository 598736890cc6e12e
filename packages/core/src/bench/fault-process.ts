/**
 * A Mwana process for the fault tests (`faults.ts`): told the database, role and gateways, it
 * serves HTTP on loopback, routes and sends until it is killed, and on SIGTERM stops as a
 * deployed process does (Nest's shutdown hooks), then exits.
 */
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';

export interface FaultOrder {
  readonly databaseUrl: string;
  readonly role: 'all' | 'api' | 'worker';
  readonly backends: Record<string, unknown>;
}

let harness: ConversationHarness | null = null;

process.on('SIGTERM', () => {
  void (harness?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});

process.on('message', (order: FaultOrder) => {
  void ConversationHarness.create({
    // Named as the database is: the harness's default spool (in the temporary folder) is then this run's own.
    database: {
      url: order.databaseUrl,
      name: new URL(order.databaseUrl).pathname.slice(1),
      drop: () => Promise.resolve(),
    },
    role: order.role,
    http: order.role !== 'worker',
    imports: [EchoModule],
    config: { backends: order.backends, log: { level: 'error' } },
    now: new Date().toISOString(),
  }).then(
    (created) => {
      harness = created;
      // The real time, as a deployed process has it (the harness's clock stands still): age limits and leases pass.
      setInterval(() => created.clock.set(new Date()), 20).unref();
      process.send?.({ url: created.url });
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
});
