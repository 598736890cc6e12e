/**
 * The realistic mix of `pnpm bench` on Zambia's apps: what each kind of SMS says, and what must
 * be there before it is sent (its sender registered, a result waiting, a group to write to),
 * seeded as people make it: by SMS through the same Kannel endpoint (JOIN, AGENT, CHECK), the
 * places and lab results by the test builders. Each measured phone sends one SMS and expects
 * one reply; the replies to the seeding are forgotten before the clock starts.
 */
import { BENCH_SECRET, type BenchServer, personal, type Smsc } from '@mwana/core/bench';
import type { DataSource } from 'typeorm';
import type { ZambiaBuilders } from '../testing/zambia.builders';

export const KINDS = ['JOIN', 'CHECK', 'PIN', 'RESULT', 'SENT', 'BIRTH', 'TOLD', 'MSG', 'unknown', 'Bemba'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * Clinics: a measured JOIN goes to a clinic of its own (`5<last5>`) with two colleagues, who
 * hear of it; CHECK, RESULT and SENT workers are four to a clinic (`6....`); a PIN's clinic has
 * its one result and this worker alone, an MSG sender's two colleagues (`7....`); the agents
 * (BIRTH, TOLD) are eight to a zone of one clinic. Nobody writes to a measured phone but its reply.
 */
const AGENTS = '900001';
const PIN = '1234';

/** What a phone sends when measured (`{name}`, `{last5}`: its own, see `personal`). */
export const TEXT: Record<Kind, string> = {
  JOIN: `JOIN CLINIC 5{last5} Bench {name} ${PIN}`,
  CHECK: 'CHECK',
  PIN,
  RESULT: 'RESULT 4455667',
  SENT: 'SENT 5',
  BIRTH: 'BIRTH Mary {name}',
  TOLD: 'TOLD Bana {name}',
  MSG: 'MSG CLINIC Staff meeting at 10 tomorrow',
  unknown: 'WHAT IS THIS',
  Bemba: 'Muli shani mukwai',
};

/** Phones outside every measured range: colleagues. */
let nextColleague = 8_000_000;
/** Codes of the places made for the seeding. */
let nextPlace = 1;

interface Sms {
  readonly phone: number;
  readonly text: string;
}

/** The seeding of one run: places first, then SMS in steps (each step settled before the next). */
export interface Seeding {
  readonly places: ReadonlyArray<{ code: string; result: boolean }>;
  readonly steps: ReadonlyArray<readonly Sms[]>;
}

function letters(phone: number): string {
  return personal('{name}', phone);
}

/** What phones `first` .. `first + count - 1` need, the i-th sending `TEXT[kinds[i % kinds.length]]`. */
export function seeding(kinds: readonly Kind[], first: number, count: number): Seeding {
  const places: Array<{ code: string; result: boolean }> = [{ code: AGENTS, result: false }];
  const colleagues: Sms[] = [];
  const register: Sms[] = [];
  const check: Sms[] = [];
  const join = (phone: number, code: string): Sms => ({
    phone,
    text: `JOIN CLINIC ${code} Bench ${letters(phone)} ${PIN}`,
  });
  const withColleagues = (code: string): void => {
    places.push({ code, result: false });
    for (let k = 0; k < 2; k++) colleagues.push(join(nextColleague++, code));
  };
  let shared: { code: string; workers: number } | null = null;
  let agents = 0;
  for (let i = 0; i < count; i++) {
    const phone = first + i;
    const kind = kinds[i % kinds.length];
    if (kind === 'JOIN') withColleagues(`5${String(phone).slice(-5)}`);
    if (kind === 'CHECK' || kind === 'RESULT' || kind === 'SENT') {
      if (!shared || shared.workers === 4) {
        shared = { code: String(600_000 + nextPlace++), workers: 0 };
        places.push({ code: shared.code, result: false });
      }
      shared.workers++;
      register.push(join(phone, shared.code));
    }
    if (kind === 'BIRTH' || kind === 'TOLD')
      register.push({ phone, text: `AGENT ${AGENTS} ${Math.floor(agents++ / 8) + 1} Bench ${letters(phone)}` });
    if (kind === 'PIN' || kind === 'MSG') {
      const code = String(700_000 + nextPlace++);
      if (kind === 'PIN') places.push({ code, result: true });
      else withColleagues(code);
      register.push(join(phone, code));
      if (kind === 'PIN') check.push({ phone, text: 'CHECK' });
    }
  }
  // Colleagues first: the measured phones' JOINs are then the ones announced, to them.
  return { places, steps: [colleagues, register, check].filter((step) => step.length > 0) };
}

/** Makes the places (and results), sends each step's SMS, waits for their replies, then forgets them. */
export async function seed(
  plan: Seeding,
  data: { dataSource: DataSource; build: ZambiaBuilders },
  server: BenchServer,
  smsc: Smsc,
): Promise<void> {
  for (const place of plan.places) {
    const existing = await data.dataSource.query('SELECT 1 FROM location WHERE code = $1', [place.code]);
    if (existing.length > 0) continue;
    const clinic = await data.build.place({ code: place.code, name: `Bench Clinic ${place.code}` });
    if (place.result) await data.build.result(clinic, 'new', true, `B${place.code}`);
  }
  for (const step of plan.steps) {
    await sendAll(server, step);
    await settled(data.dataSource);
    for (const sms of step)
      if ((await smsc.ask({ first: sms.phone, count: 1 })).arrived === 0)
        throw new Error(`seeding: no reply to "${sms.text}"`);
  }
  for (const step of plan.steps) for (const sms of step) await smsc.ask({ first: sms.phone, count: 1, forget: true });
}

/** Until every inbound SMS is routed and every outbound one sent (or failed). */
async function settled(dataSource: DataSource): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [{ busy }] = await dataSource.query<Array<{ busy: number }>>(
      `SELECT count(*)::int AS busy FROM message
        WHERE (direction = 'in' AND status = 'received') OR (direction = 'out' AND status IN ('queued', 'sending', 'retrying'))`,
    );
    if (busy === 0) return;
    if (Date.now() > deadline) throw new Error(`seeding: ${busy} messages still unsettled after 120 s`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

let seeded = 0;

async function sendAll(server: BenchServer, messages: readonly Sms[], concurrency = 10): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < messages.length) {
        const sms = messages[next++];
        const url =
          `${server.url}/backends/zain/incoming?secret=${BENCH_SECRET}&id=%2B26097${sms.phone}` +
          `&text=${encodeURIComponent(sms.text)}&message_id=seed${seeded++}`;
        const response = await fetch(url);
        if (response.status !== 200) throw new Error(`seeding "${sms.text}": HTTP ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
}
