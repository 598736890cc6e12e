/**
 * pnpm fuzz:labresults [count] [seed] [concurrency] [budget seconds]
 *
 * 5,000 malformed lab payloads (payload-mutations.ts) through the real upload route on a fresh
 * PostgreSQL database (TEST_DATABASE_URL): prints the figures and exits 1 when any answer was a
 * 5xx, any payload was not kept byte for byte, or any was half applied (docs/keywords.md#lab-upload).
 */
import { fuzzHarness, runLabPayloadFuzz } from './lab-payload-fuzz';

async function main(): Promise<void> {
  const [count, seed, concurrency] = [
    Number(process.argv[2] ?? 5000),
    Number(process.argv[3] ?? 17),
    Number(process.argv[4] ?? 4),
  ];
  const budgetSeconds = process.argv[5] === undefined ? undefined : Number(process.argv[5]);
  const harness = await fuzzHarness();
  try {
    const f = await runLabPayloadFuzz(harness, { count, seed, concurrency, budgetSeconds });
    const out = [
      `lab payload fuzz: ${f.payloads}${f.payloads < f.planned ? ` of ${f.planned} (time budget of ${budgetSeconds} s reached)` : ''} payloads (seed ${seed}, ${concurrency} at a time) in ${f.seconds.toFixed(1)} s, ${Math.round(f.payloads / f.seconds)}/s`,
      `answers: ${Object.entries(f.statuses)
        .map(([status, n]) => `${status} x${n}`)
        .join(', ')}`,
      `5xx: ${f.serverErrors}   lost: ${f.lost}   partial writes: ${f.partialWrites}   bad answers: ${f.badAnswers}`,
      `stored: ${Object.entries(f.states)
        .map(([state, n]) => `${state} ${n}`)
        .join(', ')}; log lines kept raw and flagged: ${f.flaggedLogLines}`,
      ...Object.entries(f.failures).map(([why, n]) => `failed to apply x${n}: ${why}`),
      `mutations: ${Object.entries(f.mutations)
        .sort((a, b) => b[1] - a[1])
        .map(([m, n]) => `${m} ${n}`)
        .join(', ')}`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    process.exitCode = f.serverErrors + f.lost + f.partialWrites + f.badAnswers === 0 ? 0 : 1;
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
