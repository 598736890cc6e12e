/**
 * The realistic mix of `pnpm bench` on Zambia's apps: what each kind of SMS says, and what must
 * be there before it is sent (its sender registered, a result waiting, a group to write to),
 * seeded as people make it: by SMS through the same Kannel endpoint (JOIN, AGENT, CHECK), the
 * places and lab results by the test builders. Each measured phone sends one SMS and expects
 * one reply; the replies to the seeding are forgotten before the clock starts.
 */
import type { BenchServer, Smsc } from '@mwana/core/bench';
import type { DataSource } from 'typeorm';
import { BENCH_SECRET } from '@mwana/core/bench';
import type { ZambiaBuilders } from '../testing/zambia.builders';

export const KINDS = ['JOIN', 'CHECK', 'PIN', 'RESULT', 'SENT', 'BIRTH', 'TOLD', 'MSG', 'unknown', 'Bemba'] as const;
export type Kind = (typeof KINDS)[number];

/** The clinic where the CHECK, RESULT and SENT workers (and the JOINs) register; the agents' clinic. */
const QUIET = '101010';
const AGENTS = '101020';
const WORKER = 'Bench Worker 1234';

/** What a phone sends when measured. */
export const TEXT: Record<Kind, string> = {
  JOIN: `JOIN CLINIC ${QUIET} ${WORKER}`,
  CHECK: 'CHECK',
  PIN: '1234',
  RESULT: 'RESULT 4455667',
  SENT: 'SENT 5',
  BIRTH: 'BIRTH Mary Banda',
  TOLD: 'TOLD Bana Malama',
  MSG: 'MSG CLINIC Staff meeting at 10 tomorrow',
  unknown: 'WHAT IS THIS',
  Bemba: 'Muli shani mukwai',
};

/** Phones outside every measured range: the two colleagues each MSG sender writes to. */
let nextColleague = 8_000_000;
/** Codes of the places made for one phone (a PIN's clinic with its result, an MSG's clinic). */
let nextPlace = 1;

interface Sms {
  readonly phone: number;
  readonly text: string;
}

/** The seeding of one run: places first, then SMS in steps (each step's replies awaited before the next). */
export interface Seeding {
  readonly places: ReadonlyArray<{ code: string; result: boolean }>;
  readonly steps: ReadonlyArray<readonly Sms[]>;
}

/** What phones `first` .. `first + count - 1` need, the i-th sending `TEXT[kinds[i % kinds.length]]`. */
export function seeding(kinds: readonly Kind[], first: number, count: number): Seeding {
  const places: Array<{ code: string; result: boolean }> = [
    { code: QUIET, result: false },
    { code: AGENTS, result: false },
  ];
  const register: Sms[] = [];
  const check: Sms[] = [];
  for (let i = 0; i < count; i++) {
    const phone = first + i;
    const kind = kinds[i % kinds.length];
    if (kind === 'CHECK' || kind === 'RESULT' || kind === 'SENT')
      register.push({ phone, text: `JOIN CLINIC ${QUIET} ${WORKER}` });
    if (kind === 'BIRTH' || kind === 'TOLD') register.push({ phone, text: `AGENT ${AGENTS} 1 Bench Agent` });
    if (kind === 'PIN' || kind === 'MSG') {
      // A clinic of its own: its one result collected by this phone alone, its broadcast to two colleagues.
      const code = String(300_000 + nextPlace++);
      places.push({ code, result: kind === 'PIN' });
      register.push({ phone, text: `JOIN CLINIC ${code} ${WORKER}` });
      if (kind === 'PIN') check.push({ phone, text: 'CHECK' });
      else
        for (let k = 0; k < 2; k++)
          register.push({ phone: nextColleague++, text: `JOIN CLINIC ${code} Bench Colleague 4321` });
    }
  }
  return { places, steps: [register, check].filter((step) => step.length > 0) };
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
    for (const sms of step) await waitFor(smsc, sms.phone);
    for (const sms of step) await smsc.ask({ first: sms.phone, count: 1, forget: true });
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

async function waitFor(smsc: Smsc, phone: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await smsc.ask({ first: phone, count: 1 })).arrived === 0) {
    if (Date.now() > deadline) throw new Error(`seeding: no reply to +26097${phone} in 60 s`);
    await new Promise((ok) => setTimeout(ok, 5));
  }
}
