/**
 * Malformed lab payloads for the fuzz (docs/keywords.md#lab-upload): a valid payload of a few
 * samples and log lines, then one to three things a lab's computer, a proxy or a bad export can
 * do to it. Seeded: the same seed makes the same payloads.
 */

/** A small fast PRNG (mulberry32): figures a fuzz prints must be reproducible. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzPayload {
  readonly index: number;
  /** What was done to it, for the figures. */
  readonly mutations: readonly string[];
  readonly body: Buffer;
  /** Null sends no Content-Type. */
  readonly contentType: string | null;
}

type Json = Record<string, unknown>;
type Rand = () => number;

const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const NUL = '\u0000';

const SAMPLE_TEXT = ['id', 'fac', 'pat_id', 'result_detail', 'child_age_unit', 'sex', 'hw', 'hw_tit'] as const;
const COLUMN: Record<string, number> = {
  id: 50,
  fac: 20,
  pat_id: 50,
  result_detail: 200,
  child_age_unit: 20,
  sex: 10,
  hw: 100,
  hw_tit: 50,
};
const DATES = ['coll_on', 'recv_on', 'proc_on', 'dob'] as const;
const BAD_DATES = [
  '2026-02-30',
  '0000-01-01',
  '2026-13-01',
  '2026-1-1',
  'yesterday',
  '99999-01-01',
  '2025-02-29',
  20260102,
];
const CONTENT_TYPES = [
  'text/json',
  'application/json',
  null,
  'text/plain',
  'x',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  ';;;',
];

function sample(index: number, n: number): Json {
  return {
    id: `F${index}-${n}`,
    fac: '4030120',
    pat_id: `P${index}-${n}`,
    sync: 'new',
    result: 'negative',
    coll_on: '2026-01-02',
    recv_on: '2026-01-04',
    proc_on: '2026-01-05',
    child_age: 3,
    child_age_unit: 'weeks',
    sex: 'f',
    mother_age: 19,
    hw: 'JANE SMITH',
    hw_tit: 'NURSE',
    verified: true,
  };
}

const samplesOf = (payload: Json): Json[] =>
  (Array.isArray(payload.samples) ? payload.samples : []).filter(
    (s): s is Json => typeof s === 'object' && s !== null && !Array.isArray(s),
  );
const logsOf = (payload: Json): Json[] =>
  (Array.isArray(payload.logs) ? payload.logs : []).filter(
    (s): s is Json => typeof s === 'object' && s !== null && !Array.isArray(s),
  );

/** Mutations on the parsed payload, by name. */
const TREE: Record<string, (payload: Json, rand: Rand, index: number) => void> = {
  'over its column': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    const field = pick(rand, SAMPLE_TEXT);
    if (s) s[field] = `${String(s[field] ?? '')}${'x'.repeat(COLUMN[field] + 1)}`;
  },
  'impossible date': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    if (s) s[pick(rand, DATES)] = pick(rand, BAD_DATES);
  },
  'number beyond int4': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    const value = pick(rand, [2 ** 31, 3e9, 1e308, -(2 ** 31) - 1, 1.5, -1]);
    if (s && rand() < 0.5) s[pick(rand, ['child_age', 'mother_age'])] = value;
    else {
      const l = pick(rand, logsOf(p));
      if (l) l.ln = value;
    }
  },
  'NUL in a sample': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    const field = pick(rand, [...SAMPLE_TEXT, 'result', 'sync', 'coll_on']);
    if (s) s[field] = `${String(s[field] ?? '')}${NUL}`;
  },
  'NUL in a log line': (p, rand) => {
    const l = pick(rand, logsOf(p));
    if (l) l[pick(rand, ['msg', 'at', 'lvl'])] = `a${NUL}b`;
  },
  'NUL in the meta': (p, rand) => {
    p[pick(rand, ['source', 'version', 'now', 'info'])] = `lab${NUL}`;
  },
  'meta over its column': (p, rand) => {
    const [field, max] = pick(rand, [
      ['source', 100],
      ['version', 30],
      ['now', 40],
      ['info', 200],
    ] as const);
    p[field] = 'm'.repeat(max + 1 + Math.floor(rand() * 1000));
  },
  'wrong type': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    const field = pick(rand, ['result', 'sync', 'verified', 'child_age', 'coll_on', 'fac', 'hw']);
    if (s) s[field] = pick(rand, [5, true, {}, [], 'maybe', -3, { $gt: '' }]);
  },
  'unknown result word': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    if (s) s.result = pick(rand, ['unsure', 'POSITIVE ', 'pos', 'detected', 'neg.']);
  },
  'required field missing': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    if (s) delete s[pick(rand, ['id', 'fac', 'sync'])];
  },
  'required field null': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    if (s) s[pick(rand, ['id', 'fac', 'sync'])] = null;
  },
  'sample not an object': (p, rand) => {
    if (Array.isArray(p.samples)) p.samples.push(pick(rand, [null, 'sample', 7, [1, 2]]));
  },
  'log line not an object': (p, rand) => {
    if (Array.isArray(p.logs)) p.logs.push(pick(rand, [null, 'line', 7, [1, 2]]));
  },
  'log line without msg, ln or level': (p, rand) => {
    const l = pick(rand, logsOf(p));
    if (l) delete l[pick(rand, ['msg', 'ln', 'lvl', 'at'])];
  },
  'samples not a list': (p, rand) => {
    p.samples = pick(rand, [{}, 'all', 3, true]);
  },
  'logs not a list': (p, rand) => {
    p.logs = pick(rand, [{}, 'all', 3, true]);
  },
  'parts missing': (p, rand) => {
    delete p[pick(rand, ['samples', 'logs', 'source', 'now'])];
  },
  'huge text': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    if (s) s.hw = 'y'.repeat(50_000 + Math.floor(rand() * 50_000));
  },
  'unicode everywhere': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    const text = pick(rand, ['Ñdola ☃', '𝔘𝔫𝔦', '\ud800', '\udfff lone', 'مرحبا', '\u202e\u200b', '💉🧪']);
    if (s) s[pick(rand, ['hw', 'hw_tit', 'sex', 'child_age_unit', 'result_detail'])] = text;
  },
  'sql and html': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    const text = pick(rand, ["'); DROP TABLE lab_result; --", '<script>alert(1)</script>', "' OR '1'='1", '%00%27']);
    if (s) s[pick(rand, ['hw', 'pat_id', 'result_detail'])] = text;
  },
  'same sample twice': (p) => {
    const s = samplesOf(p)[0];
    if (s && Array.isArray(p.samples)) p.samples.push({ ...s, result: 'positive' });
  },
  'many samples': (p, rand, index) => {
    if (Array.isArray(p.samples))
      for (let n = 0; n < 50 + Math.floor(rand() * 100); n++) p.samples.push(sample(index, 100 + n));
  },
  'extra fields': (p, rand) => {
    const s = pick(rand, samplesOf(p));
    if (s) Object.assign(s, { __proto__: { polluted: true }, constructor: 'x', extra: [1, { deep: true }] });
  },
};

/** Mutations on the bytes, after the payload is written. */
const BYTES: Record<string, (body: Buffer, rand: Rand) => Buffer> = {
  'not JSON: cut short': (b, rand) => b.subarray(0, Math.floor(rand() * b.length)),
  'not JSON: trailing garbage': (b) => Buffer.concat([b, Buffer.from('}{,')]),
  'raw NUL byte': (b, rand) => {
    const at = Math.floor(rand() * b.length);
    return Buffer.concat([b.subarray(0, at), Buffer.from([0]), b.subarray(at)]);
  },
  'not UTF-8': (b, rand) => {
    const at = Math.floor(rand() * b.length);
    return Buffer.concat([b.subarray(0, at), Buffer.from([0xff, 0xc3, 0x28]), b.subarray(at)]);
  },
  'byte order mark': (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
  'empty body': () => Buffer.alloc(0),
  'top level not an object': (_b, rand) => Buffer.from(pick(rand, ['[]', 'null', '42', '"SUCCESS"', 'true'])),
  'deep nesting': () => Buffer.from(`{"logs":[${'['.repeat(5000)}${']'.repeat(5000)}],"samples":[]}`),
  'form encoded': (b) => Buffer.from(`payload=${encodeURIComponent(b.toString('utf8'))}`),
  'UTF-16': (b) => Buffer.from(b.toString('utf8'), 'utf16le'),
};

const TREE_NAMES = Object.keys(TREE);
const BYTE_NAMES = Object.keys(BYTES);

/** The `index`th payload: 1 to 3 mutations; about one in five on the bytes. */
export function malformedPayload(index: number, rand: Rand): FuzzPayload {
  const payload: Json = {
    source: 'fuzz/lab',
    version: '1.0',
    now: '2026-01-06 10:59:00',
    info: `fuzz ${index}`,
    logs: Array.from({ length: Math.floor(rand() * 4) }, (_, n) => ({
      at: `2026-01-06 10:58:0${n},123`,
      msg: `line ${n}`,
      lvl: 'INFO',
      ln: n + 1,
    })),
    samples: Array.from({ length: 1 + Math.floor(rand() * 5) }, (_, n) => sample(index, n)),
  };
  const mutations: string[] = [];
  for (let m = 0, count = 1 + Math.floor(rand() * 3); m < count; m++) {
    const name = pick(rand, TREE_NAMES);
    TREE[name](payload, rand, index);
    mutations.push(name);
  }
  let body: Buffer = Buffer.from(JSON.stringify(payload), 'utf8');
  if (rand() < 0.2) {
    const name = pick(rand, BYTE_NAMES);
    body = BYTES[name](body, rand);
    mutations.push(name);
  }
  return { index, mutations, body, contentType: pick(rand, CONTENT_TYPES) };
}
