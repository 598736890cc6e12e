/**
 * A MWANA_ROLE=worker process for the gateway benchmark, forked beside the API process as a
 * deployment runs it: told the database and the gateways, it routes what the API stored and
 * sends the replies until told to stop, then answers with its peak RSS.
 */
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { peakRssMb } from './stats';

export interface WorkerOrder {
  readonly databaseUrl: string;
  readonly backends: Record<string, unknown>;
  /** Other config sections (the router's default reply). */
  readonly config?: Record<string, Record<string, unknown>>;
}

let harness: ConversationHarness | null = null;

process.on('message', (message: WorkerOrder | 'stop') => {
  if (message === 'stop') {
    void (harness?.close() ?? Promise.resolve()).then(() => {
      process.send?.({ rssMb: peakRssMb() });
      process.exit(0);
    });
    return;
  }
  void ConversationHarness.create({
    database: { url: message.databaseUrl, name: 'bench', drop: () => Promise.resolve() },
    role: 'worker',
    imports: [EchoModule],
    config: { ...message.config, backends: message.backends, log: { level: 'error' } },
  }).then(
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
