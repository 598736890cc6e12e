#!/usr/bin/env node
// node scripts/import-graph.mjs [srcDir]: how the folders of a package's src/ import each other.
// Prints each folder's imports of the others (file-level import statements, tests left out),
// the folders caught in cycles, and the imports that point back up: against the order
// `packages/core/src/import-order.ts` declares when it exists, else against the order with
// the fewest such imports that a greedy pass finds. Used for docs/architecture.md's figures.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const src = resolve(process.argv[2] ?? 'packages/core/src');
const TEST = /\.(spec|int-spec|e2e-spec)\.ts$/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== '__fixtures__') yield* files(path);
    else if (entry.isFile() && entry.name.endsWith('.ts') && !TEST.test(entry.name)) yield path;
  }
}

/** The top folder of a file under src/, or "(root)" for src/*.ts. */
const folderOf = (file) => {
  const parts = relative(src, file).split(sep);
  return parts.length === 1 ? '(root)' : parts[0];
};

function target(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) if (existsSync(candidate)) return candidate;
  return null;
}

const edges = []; // [fromFolder, toFolder, fromFile, toFile]
for (const file of files(src)) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const to = target(file, match[1]);
    if (!to) continue;
    const [a, b] = [folderOf(file), folderOf(to)];
    if (a !== b) edges.push([a, b, relative(src, file), relative(src, to)]);
  }
}

const folders = [...new Set(edges.flatMap(([a, b]) => [a, b]))].sort();
const count = new Map();
for (const [a, b] of edges) count.set(`${a}>${b}`, (count.get(`${a}>${b}`) ?? 0) + 1);

// Strongly connected components (Tarjan): folders that import each other round a cycle.
const out = new Map(folders.map((f) => [f, new Set()]));
for (const [a, b] of edges) out.get(a).add(b);
const sccs = [];
{
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of out.get(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) sccs.push(scc.sort());
    }
  };
  for (const f of folders) if (!idx.has(f)) visit(f);
}

/** An order, lowest first, that leaves few imports pointing up (Eades' greedy heuristic). */
function greedyOrder() {
  const left = new Set(folders);
  const weight = (a, b) => count.get(`${a}>${b}`) ?? 0;
  const head = [];
  const tail = [];
  while (left.size > 0) {
    let moved = true;
    while (moved) {
      moved = false;
      for (const f of left) {
        // Imports nothing left: it goes lowest. Imported by nothing left: highest.
        if ([...left].every((g) => g === f || weight(f, g) === 0)) {
          head.push(f);
          left.delete(f);
          moved = true;
        } else if ([...left].every((g) => g === f || weight(g, f) === 0)) {
          tail.unshift(f);
          left.delete(f);
          moved = true;
        }
      }
    }
    if (left.size === 0) break;
    // The folder most imported by the rest and importing them least goes lowest.
    let best = null;
    let score = -Infinity;
    for (const f of left) {
      let s = 0;
      for (const g of left) s += weight(g, f) - weight(f, g);
      if (s > score) [best, score] = [f, s];
    }
    head.push(best);
    left.delete(best);
  }
  return [...head, ...tail];
}

const declared = join(src, 'import-order.ts');
let order;
let orderSource;
if (existsSync(declared)) {
  const text = readFileSync(declared, 'utf8');
  const list = /IMPORT_ORDER[^=]*=\s*\[([\s\S]*?)\]/.exec(text);
  order = [...(list?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
  orderSource = 'src/import-order.ts';
} else {
  order = greedyOrder();
  orderSource = 'the greedy order with the fewest imports up';
}
const rank = new Map(order.map((f, i) => [f, i]));
const back = edges.filter(([a, b]) => (rank.get(a) ?? Infinity) < (rank.get(b) ?? Infinity));

console.log(`${relative(process.cwd(), src)}: ${folders.length} folders, ${edges.length} imports between folders`);
console.log(`\norder (${orderSource}), lowest first:\n  ${order.join(' < ')}`);
console.log(`\nfolders in cycles: ${sccs.length === 0 ? 'none' : sccs.map((s) => s.join(', ')).join(' | ')}`);
const inCycles = edges.filter(([a, b]) => sccs.some((s) => s.includes(a) && s.includes(b)));
console.log(`imports inside cycles: ${inCycles.length}`);
console.log(`imports pointing up the order: ${back.length}`);
for (const [a, b, f, t] of back) console.log(`  ${f} -> ${t}   (${a} -> ${b})`);
console.log('\nfolder -> folder (imports):');
for (const [key, n] of [...count.entries()].sort()) console.log(`  ${key.replace('>', ' -> ')}: ${n}`);
