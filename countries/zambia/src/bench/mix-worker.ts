/** A MWANA_ROLE=worker process on Zambia's apps for the mix bench (`mix.bench.ts`), forked beside its API. */
import type { ConversationHarness } from '@mwana/core/testing';
import { peakRssMb, type WorkerOrder } from '@mwana/core/bench';
import { createZambiaHarness } from '../testing/zambia.harness';

let harness: ConversationHarness | null = null;

process.on('message', (message: WorkerOrder | 'stop') => {
  if (message === 'stop') {
    void (harness?.close() ?? Promise.resolve()).then(() => {
      process.send?.({ rssMb: peakRssMb() });
      process.exit(0);
    });
    return;
  }
  void createZambiaHarness({
    database: { url: message.databaseUrl, name: 'bench', drop: () => Promise.resolve() },
    role: 'worker',
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
