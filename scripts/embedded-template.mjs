#!/usr/bin/env node
// `node ../../scripts/embedded-template.mjs <country>`, the last step of a country's build:
// writes countries/<country>/dist/embedded/ (template.tar.gz and template.json), a database
// with every migration of this build run, from which a new embedded database starts instead
// of running initdb and each migration (see packages/core/src/database/embedded-base.ts).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './lib/vendor-files.mjs';

const country = process.argv[2];
const dir = join(ROOT, 'countries', country ?? '');
const require = createRequire(join(dir, 'package.json'));
const started = performance.now();
const definition = Object.values(require(join(dir, 'dist', 'country.js'))).find((value) => value?.migrations);
if (!country || !definition) {
  console.error(`No built country "${country}" (countries/<country>/dist/country.js exporting its definition).`);
  process.exit(2);
}
const { buildEmbeddedTemplate } = require('@mwana/core');
const path = await buildEmbeddedTemplate(dir, definition.migrations);
console.log(`Wrote ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
// PGlite leaves nothing to wait for once closed; exit now rather than on its timers.
process.exit(0);
