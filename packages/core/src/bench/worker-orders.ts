import type { ConversationHarness } from '../testing/harness';
import { peakRssMb } from './stats';

/** What a benchmark tells the worker process it forks: the database, the gateways, other config. */
export interface WorkerOrder {
  readonly databaseUrl: string;
  readonly backends: Record<string, unknown>;
  /** Other config sections (the router's default reply). */
  readonly config?: Record<string, Record<string, unknown>>;
}

/**
 * The worker side of a benchmark's fork: on its order, starts the harness `create` makes (in the
 * worker role, on the order's database) and answers `ready`; on `stop`, closes it and answers
 * with its peak RSS. Each benchmark's worker file is this call with the apps it runs.
 */
export function serveWorkerOrders(create: (order: WorkerOrder) => Promise<ConversationHarness>): void {
  let harness: ConversationHarness | null = null;
  process.on('message', (message: WorkerOrder | 'stop') => {
    if (message === 'stop') {
      void (harness?.close() ?? Promise.resolve()).then(() => {
        process.send?.({ rssMb: peakRssMb() });
        process.exit(0);
      });
      return;
    }
    void create(message).then(
      (created) => {
        harness = created;
        process.send?.('ready');
      },
      (error: unknown) => {
        process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
