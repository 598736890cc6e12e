/**
 * How long a test may take to start an app: a harness or a whole country (create a database,
 * run every migration, boot Nest, create pg-boss's schema; the embedded engine's initdb on
 * top). Measured on the project's 2-core machine, a country starts on PostgreSQL / on the
 * embedded engine in 0.8 s / 3 s idle, 1.4 s / 6 s beside 4 busy processes, and 3.4 s / 20 s
 * at a load average of 40 (other engineers' builds and tests); 16 busy processes more made
 * jest's default 5 s fail every start, where this bound let them finish. So: generous, a
 * bound against a hang and never a speed target (speed is measured by the benchmark
 * scripts). A start that fails fails at once with its cause, well inside it.
 *
 * The jest preset makes it every hook's and test's default (`jest.setup.ts`); the hooks that
 * start apps also name it, so that the bound stays where the reader looks.
 */
export const STARTUP_TIMEOUT_MS = 300_000;

/** How long closing an app may take: waiting for its start to settle, then closing it. */
export const SHUTDOWN_TIMEOUT_MS = 120_000;
