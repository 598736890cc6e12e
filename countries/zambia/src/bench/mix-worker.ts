/** A MWANA_ROLE=worker process on Zambia's apps for the mix bench (`mix.bench.ts`), forked beside its API. */
import { serveWorkerOrders } from '@mwana/core/bench';
import { createZambiaHarness } from '../testing/zambia.harness';

serveWorkerOrders((order) =>
  createZambiaHarness({
    database: { url: order.databaseUrl, name: 'bench', drop: () => Promise.resolve() },
    role: 'worker',
    config: { ...order.config, backends: order.backends, log: { level: 'error' } },
  }),
);
