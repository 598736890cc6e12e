/** `@mwana/core/bench`: the pieces of `pnpm bench` a country's bench reuses (its mix on its own apps). */
export { bare } from './bench-bare';
export { benchOptions, type BenchOptions } from './bench-options';
export { fakeSmsc, forkWorker, type Smsc, vacuum } from './bench-processes';
export { type Run, table } from './bench-table';
export {
  awaitReplies,
  BENCH_SECRET,
  benchBackends,
  type BenchMeters,
  type BenchServer,
  type BenchWorker,
  kannelUrl,
  mwanaRun,
  type MwanaRunOrder,
} from './e2e-run';
export { serveWorkerOrders, type WorkerOrder } from './worker-orders';
export { adminPool, statementsPool } from './process-figures';
export { peakRssMb, percentile } from './stats';
export { personal } from './personal-text';
