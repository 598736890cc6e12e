import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ConversationHarness } from '@mwana/core/testing';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { LabAccountsService } from '../upload/lab-accounts.service';
import { malformedPayload, random } from './payload-mutations';

export interface FuzzFigures {
  /** Sent (all planned, unless the time budget ran out). */
  readonly payloads: number;
  readonly planned: number;
  readonly seconds: number;
  /** Answers by HTTP status. */
  readonly statuses: Readonly<Record<number, number>>;
  readonly serverErrors: number;
  /** Sent payloads whose exact bytes are not in lab_payload. */
  readonly lost: number;
  /** Payloads with some rows and not all, or rows while not applied. */
  readonly partialWrites: number;
  /** A 400 that named no problem, or a 200 whose body was not `SUCCESS`. */
  readonly badAnswers: number;
  readonly states: Readonly<Record<string, number>>;
  readonly flaggedLogLines: number;
  /** Why the payloads that failed to apply failed (the problem recorded, counted). */
  readonly failures: Readonly<Record<string, number>>;
  /** How often each mutation was used. */
  readonly mutations: Readonly<Record<string, number>>;
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const AUTH = `Basic ${Buffer.from('fuzz-lab:fuzz-lab-password').toString('base64')}`;

/** A harness for the fuzz: Zambia, HTTP, the lab account, a clinic, and a rate limit it will not reach. */
export async function fuzzHarness(): Promise<ConversationHarness<LabResultsBuilders>> {
  const harness = await createLabResultsHarness(ZAMBIA, {
    http: true,
    config: { http: { rateLimit: { passwords: { max: 1_000_000, windowSeconds: 60 } } } },
  });
  await harness.get(LabAccountsService).add('fuzz-lab', 'fuzz-lab-password');
  await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
  return harness;
}

/**
 * Posts `count` malformed payloads (payload-mutations.ts) to the real route, `concurrency` at a
 * time, then checks from the database: every payload kept byte for byte, none half applied.
 */
export async function runLabPayloadFuzz(
  harness: ConversationHarness<LabResultsBuilders>,
  options: { count: number; seed: number; concurrency: number; budgetSeconds?: number },
): Promise<FuzzFigures> {
  const rand = random(options.seed);
  const payloads = Array.from({ length: options.count }, (_, i) => malformedPayload(i, rand));
  const statuses: Record<number, number> = {};
  const mutations: Record<string, number> = {};
  let badAnswers = 0;
  const started = performance.now();
  let next = 0;
  // A bound for CI on a busy machine: past it no payload is sent, and the figures say how many were.
  const deadline = options.budgetSeconds === undefined ? Infinity : started + options.budgetSeconds * 1000;
  const worker = async () => {
    while (next < payloads.length && performance.now() < deadline) {
      const payload = payloads[next++];
      for (const m of payload.mutations) mutations[m] = (mutations[m] ?? 0) + 1;
      const response = await fetch(`${harness.url}/labresults/incoming/`, {
        method: 'POST',
        headers: { authorization: AUTH, ...(payload.contentType ? { 'content-type': payload.contentType } : {}) },
        body: payload.contentType ? payload.body : new Blob([payload.body]),
      });
      const text = await response.text();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status === 200 && text !== 'SUCCESS') badAnswers++;
      if (response.status === 400 && !/^INVALID\npayload #\d+\n./.test(text)) badAnswers++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const sent = payloads.slice(0, next);

  const stored: Array<{
    id: number;
    state: string;
    raw: string;
    raw_bytes: Buffer | null;
    results: string;
    logs: string;
    flagged: string;
    errors: string[];
  }> = await harness.dataSource.query(
    `SELECT p.id, p.state, p.raw, p.raw_bytes, p.errors,
            (SELECT count(*) FROM lab_result r WHERE r.payload_id = p.id) AS results,
            (SELECT count(*) FROM lab_log l WHERE l.payload_id = p.id) AS logs,
            (SELECT count(*) FROM lab_log l WHERE l.payload_id = p.id AND l.problem IS NOT NULL) AS flagged
       FROM lab_payload p`,
  );
  const kept = new Map<string, number>();
  for (const row of stored) {
    const key = sha(row.raw_bytes ?? Buffer.from(row.raw, 'utf8'));
    kept.set(key, (kept.get(key) ?? 0) + 1);
  }
  let lost = 0;
  for (const payload of sent) {
    const key = sha(payload.body);
    const left = kept.get(key) ?? 0;
    if (left === 0) lost++;
    else kept.set(key, left - 1);
  }
  let partialWrites = 0;
  const states: Record<string, number> = {};
  const failures: Record<string, number> = {};
  for (const row of stored) {
    states[row.state] = (states[row.state] ?? 0) + 1;
    if (row.state === 'failed') {
      const why = row.errors.join('; ').replace(/#\d+/, '#n');
      failures[why] = (failures[why] ?? 0) + 1;
    }
    const [results, logs] = [Number(row.results), Number(row.logs)];
    if (row.state !== 'applied') {
      if (results + logs > 0) partialWrites++;
      continue;
    }
    // Read independently of the code under test: distinct sample ids with a requisition id, every log line.
    const body = JSON.parse((row.raw_bytes ? row.raw_bytes.toString('utf8') : row.raw).replace(/^\uFEFF/, '')) as {
      samples?: Array<{ id: unknown; pat_id?: unknown }>;
      logs?: unknown[];
    };
    const ids = new Set((body.samples ?? []).filter((s) => s.pat_id).map((s) => String(s.id).trim()));
    if (results !== ids.size || logs !== (body.logs ?? []).length) partialWrites++;
  }
  return {
    payloads: sent.length,
    planned: payloads.length,
    seconds,
    statuses,
    serverErrors: Object.entries(statuses)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, n]) => sum + n, 0),
    lost,
    partialWrites,
    badAnswers,
    states,
    flaggedLogLines: stored.reduce((sum, row) => sum + Number(row.flagged), 0),
    failures,
    mutations,
  };
}
