/**
 * A MWANA_ROLE=worker process for the gateway benchmark, forked beside the API process as a
 * deployment runs it: told the database and the gateways, it routes what the API stored and
 * sends the replies until told to stop, then answers with its peak RSS.
 */
import { EchoModule } from '../testing/echo.app';
import { ConversationHarness } from '../testing/harness';
import { serveWorkerOrders } from './worker-orders';

export type { WorkerOrder } from './worker-orders';

serveWorkerOrders((order) =>
  ConversationHarness.create({
    database: { url: order.databaseUrl, name: 'bench', drop: () => Promise.resolve() },
    role: 'worker',
    imports: [EchoModule],
    config: { ...order.config, backends: order.backends, log: { level: 'error' } },
  }),
);
