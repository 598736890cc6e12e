/**
 * pnpm bench:sms-fuzz [count] [role]: `count` fuzzed SMS texts (100,000 by default; see
 * testing/sms-fuzz.ts) through the Kannel endpoint on a PostgreSQL database of its own, 32 at
 * once, MWANA_ROLE=all (routed in the request; `api`: stored only). Prints the answers by
 * status and the SMS lost (not stored, or not given back exactly by `originalText`); exits 1
 * when any answer is a 5xx or any SMS is lost. Part of .ci/run's fault tests.
 */
import { InboundSeal } from '../message-log/inbound-seal';
import { ConversationHarness } from '../testing/harness';
import { EchoModule } from '../testing/echo.app';
import { fuzzSms, sameAsSent } from '../testing/sms-fuzz';
import { originalText } from '../text/storable-text';

const SECRET = 'fuzz-secret-0123456789';
const AT_ONCE = 32;

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const role = (process.argv[3] ?? 'all') as 'all' | 'api';
  const harness = await ConversationHarness.create({
    http: true,
    role,
    imports: [EchoModule],
    config: {
      backends: {
        gateways: {
          zain: { type: 'kannel', sendsmsUrl: 'http://127.0.0.1:9/', username: 'u', password: 'p', secret: SECRET },
        },
      },
      log: { level: 'error' },
    },
  });
  const statuses = new Map<number, number>();
  const started = performance.now();
  try {
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let n = next++; n < count; n = next++) {
        const sms = fuzzSms(n);
        const phone = String(n % 5000).padStart(6, '0');
        const response = await fetch(
          `${harness.url}/backends/zain/incoming?secret=${SECRET}&id=%2B260977${phone}&${sms.query}&message_id=f${n}`,
        ).catch(() => null);
        await response?.text();
        const status = response?.status ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, lane));
    const seconds = (performance.now() - started) / 1000;
    const stored = new Map<string, { text: string; original: string | null; sealed: string | null }>();
    for (let from = 0; from < count; from += 10_000) {
      const rows: Array<{ provider_id: string; text: string; original: string | null; sealed: string | null }> =
        await harness.dataSource.query(
          `SELECT provider_id, text, original, sealed FROM message WHERE direction = 'in' AND provider_id = ANY($1)`,
          [Array.from({ length: Math.min(10_000, count - from) }, (_, i) => `f${from + i}`)],
        );
      for (const row of rows) stored.set(row.provider_id, row);
    }
    // What was received exactly: the row's text, or, where the router masked something PIN-shaped
    // in it (four digits in a text no keyword took), the seal it keeps.
    const seal = harness.get(InboundSeal);
    const received = (row: { text: string; original: string | null; sealed: string | null }) => {
      const exact = row.sealed === null ? row : seal.open(row.sealed);
      return originalText(exact.text, exact.original);
    };
    const lost: string[] = [];
    let masked = 0;
    for (let n = 0; n < count; n++) {
      const row = stored.get(`f${n}`);
      if (row?.sealed) masked++;
      if (!row || !sameAsSent(fuzzSms(n).expected, received(row))) lost.push(`#${n} ${fuzzSms(n).kind}`);
    }
    const fivexx = [...statuses].filter(([status]) => status >= 500 || status === 0).reduce((s, [, n]) => s + n, 0);
    const answers = [...statuses].map(([status, n]) => `${n} x ${status || 'no answer'}`).join(', ');
    console.log(
      `sms fuzz (${role}): ${count} SMS in ${seconds.toFixed(1)} s; answers: ${answers}; 5xx: ${fivexx}; lost: ${lost.length} (${masked} masked in the log, kept sealed)`,
    );
    if (lost.length > 0) console.log(`  first lost: ${lost.slice(0, 5).join('; ')}`);
    process.exitCode = fivexx > 0 || lost.length > 0 ? 1 : 0;
  } finally {
    await harness.close();
  }
}

void main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
