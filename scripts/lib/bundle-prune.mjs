// What `pnpm bundle` leaves out of a deploy: files a production run never loads. Each rule
// says why it is safe; anything Node could load at run time stays.
import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Files Node never loads: source maps, type declarations, TypeScript sources, prose. */
const NEVER_LOADED = [
  /\.map$/,
  /\.d\.[cm]?ts$/,
  /\.[cm]?ts$/, // Node 20 does not run TypeScript
  /\.tsbuildinfo$/,
  // Prose only: `security.module.js` is code, `SECURITY.md` is not.
  /^(readme|changelog|history|contributing|upgrading|security|code_of_conduct)(\.(md|markdown|txt|rst|adoc))?$/i,
  /\.(md|markdown)$/i,
  /^\.(npmignore|eslintrc.*|prettierrc.*|editorconfig|travis\.yml|nycrc.*|babelrc|taprc|gitattributes)$/,
];

/** Licences stay, whatever their extension: they go wherever the code goes. */
const KEEP = /^(licen[cs]e|notice|copying|authors)(\..*)?$/i;

/** Folders at a package's root that no `require` of the package reaches. */
const PACKAGE_ROOT_DIRS = new Set([
  'test',
  'tests',
  '__tests__',
  'benchmark',
  'benchmarks',
  'example',
  'examples',
  'docs',
  'coverage',
  '.github',
]);

/**
 * Package-specific: builds for other runtimes, and what the embedded engine only needs on a
 * laptop. Each path is relative to the package; `engine` entries go only without `--embedded`.
 */
const PACKAGE_PATHS = {
  // The bundlers' browser build: Node's `exports` resolves typeorm to its CommonJS root.
  typeorm: [{ path: 'browser' }],
  // core requires '@electric-sql/pglite', which resolves to dist/index.cjs, one bundled file;
  // the ES module twins, the extensions and the web worker build are never loaded.
  '@electric-sql/pglite': [
    { path: 'dist', keep: /^(index\.cjs|pglite\.wasm|pglite\.data|initdb\.wasm)$/ },
    // PostgreSQL compiled to WebAssembly and its initial data files: loaded only when no
    // database.url is configured, which staging and production refuse.
    { path: 'dist/pglite.wasm', engine: true },
    { path: 'dist/pglite.data', engine: true },
    { path: 'dist/initdb.wasm', engine: true },
  ],
};

/** Never in a production bundle: build, test and lint tools. The bundle fails if one is there. */
export const FORBIDDEN_PACKAGES = [
  /^typescript$/,
  /^typescript-eslint$/,
  /^@typescript-eslint\//,
  /^ts-node$/,
  /^jest/,
  /^@jest\//,
  /^@swc\//,
  /^eslint/,
  /^@eslint\//,
  /^prettier$/,
  /^playwright/,
  /^turbo/,
  /^@nestjs\/testing$/,
  /^fast-check$/,
  /^@types\//,
  /^pnpm$/,
];

function walkFiles(dir, visit, skip) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== skip) walkFiles(path, visit, skip);
    } else visit(path, entry.name);
  }
}

/** Removes the never-loaded files under `dir` (not inside folders named `skip`); returns how many. */
export function pruneNeverLoaded(dir, skip) {
  let removed = 0;
  walkFiles(
    dir,
    (path, name) => {
      if (KEEP.test(name) || !NEVER_LOADED.some((rule) => rule.test(name))) return;
      rmSync(path);
      removed++;
    },
    skip,
  );
  return removed;
}

/** Every installed package under a node_modules folder, nested ones included: [name, dir]. */
export function installedPackages(nodeModules) {
  const found = [];
  if (!existsSync(nodeModules)) return found;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const dir = join(nodeModules, entry.name);
    if (entry.name.startsWith('@') && entry.isDirectory()) {
      for (const scoped of readdirSync(dir, { withFileTypes: true })) {
        const name = `${entry.name}/${scoped.name}`;
        found.push([name, join(dir, scoped.name)], ...installedPackages(join(dir, scoped.name, 'node_modules')));
      }
    } else if (entry.isDirectory() || lstatSync(dir).isSymbolicLink()) {
      found.push([entry.name, dir], ...installedPackages(join(dir, 'node_modules')));
    }
  }
  return found;
}

/** Prunes every dependency under `nodeModules`; `embedded` keeps the embedded engine's files. */
export function pruneDependencies(nodeModules, { embedded }) {
  // pnpm's own records of this install (the build machine's paths and store, times): Node
  // never reads them, and they would make two builds of one commit differ.
  for (const name of ['.bin', '.pnpm', '.modules.yaml', '.pnpm-workspace-state-v1.json']) {
    rmSync(join(nodeModules, name), { recursive: true, force: true });
  }
  let removed = pruneNeverLoaded(nodeModules);
  for (const [name, dir] of installedPackages(nodeModules)) {
    for (const sub of PACKAGE_ROOT_DIRS) {
      if (existsSync(join(dir, sub))) {
        rmSync(join(dir, sub), { recursive: true });
        removed++;
      }
    }
    for (const rule of PACKAGE_PATHS[name] ?? []) {
      const path = join(dir, rule.path);
      if (!existsSync(path) || (rule.engine && embedded)) continue;
      if (rule.keep) {
        for (const entry of readdirSync(path)) {
          if (!rule.keep.test(entry)) rmSync(join(path, entry), { recursive: true });
        }
      } else {
        rmSync(path, { recursive: true });
      }
      removed++;
    }
  }
  return removed;
}

/**
 * A Mwana package (core, an app, or the country itself) reduced to what runs: package.json,
 * dist/ without the test helpers (`testing/`, `*.testing.js`), benchmarks and fuzzers, locale/, data/, config/*.yaml
 * (never local.yaml) and config/*.conf.sample, and any other folder a package adds for its run (kept unless listed here).
 * Without the embedded engine, its base (core's embedded/) and templates (dist/embedded) go too.
 */
export function pruneMwanaPackage(dir, { embedded = false } = {}) {
  for (const name of [
    ...(embedded ? [] : ['embedded', 'dist/embedded']),
    'src',
    'test',
    '.turbo',
    'coverage',
    '.data',
    'jest.config.js',
    'pnpm-lock.yaml',
    'dist/testing',
    'dist/bench',
    // Fuzzers (`pnpm fuzz:labresults`) stand on the test harness, as benchmarks do.
    'dist/fuzz',
  ]) {
    rmSync(join(dir, name), { recursive: true, force: true });
  }
  if (existsSync(join(dir, 'dist'))) {
    walkFiles(join(dir, 'dist'), (path, name) => {
      if (/\.testing\.js$/.test(name)) rmSync(path); // test helpers beside what they help test
    });
  }
  for (const entry of readdirSync(dir)) {
    if (/^tsconfig.*\.json$/.test(entry) || /\.tsbuildinfo$/.test(entry) || /^\.env/.test(entry)) {
      rmSync(join(dir, entry), { force: true });
    }
  }
  const config = join(dir, 'config');
  if (existsSync(config)) {
    for (const entry of readdirSync(config)) {
      // The chain's YAML and the gateways' sample configurations (Malawi's kannel.conf.sample).
      const kept = entry.endsWith('.yaml') || entry.endsWith('.conf.sample');
      if (entry === 'local.yaml' || !kept) rmSync(join(config, entry), { recursive: true });
    }
  }
  pruneNeverLoaded(dir, 'node_modules');
}
