import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { IMPORT_ORDER, KNOWN_EXCEPTIONS } from './import-order';

const SRC = __dirname;
const TEST = /\.(spec|int-spec|e2e-spec)\.ts$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !TEST.test(entry.name) ? [path] : [];
  });
}

const folderOf = (file: string): string => {
  const parts = relative(SRC, file).split(sep);
  return parts.length === 1 ? '(root)' : parts[0];
};

/** Every import between two of core's folders: [importing file, imported file], relative to src/. */
function imports(): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const file of sources(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const base = resolve(dirname(file), match[1]);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      if (target && folderOf(file) !== folderOf(target)) found.push([relative(SRC, file), relative(SRC, target)]);
    }
  }
  return found;
}

describe("core's folders import each other one way", () => {
  const rank = new Map(IMPORT_ORDER.map((folder, i) => [folder, i]));

  it('names every folder of src/ in the order', () => {
    const folders = new Set(sources(SRC).map(folderOf));
    expect([...folders].filter((folder) => !rank.has(folder)).sort()).toEqual([]);
  });

  it('has no import of a folder later in the order, but the known exceptions', () => {
    const against = imports()
      .filter(([from, to]) => rank.get(folderOf(join(SRC, from)))! < rank.get(folderOf(join(SRC, to)))!)
      .filter(([from, to]) => !KNOWN_EXCEPTIONS.some((e) => from === e.from && to.startsWith(e.to)))
      .map(([from, to]) => `${from} -> ${to}`);
    expect(against).toEqual([]);
  });

  it('keeps its exceptions true: each still exists, or it is taken off the list', () => {
    const all = imports();
    const stale = KNOWN_EXCEPTIONS.filter((e) => !all.some(([from, to]) => from === e.from && to.startsWith(e.to)));
    expect(stale).toEqual([]);
  });

  it('keeps test helpers under testing/, so no other folder of dist/ holds one', () => {
    const helpers = sources(SRC).filter((file) => file.endsWith('.testing.ts') && folderOf(file) !== 'testing');
    expect(helpers.map((file) => relative(SRC, file))).toEqual([]);
  });

  it('is the order docs/architecture.md names', () => {
    const doc = readFileSync(join(SRC, '..', '..', '..', 'docs', 'architecture.md'), 'utf8');
    expect(doc).toContain(IMPORT_ORDER.map((folder) => `\`${folder}\``).join(' < '));
  });
});
