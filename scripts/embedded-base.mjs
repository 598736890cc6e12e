#!/usr/bin/env node
// `pnpm embedded:base`: runs initdb in the installed PGlite and commits-ready writes
// packages/core/embedded/pglite-<version>.tar.gz, the folder every new embedded database
// starts from (see packages/core/src/database/embedded-base.ts). Run it after upgrading
// @electric-sql/pglite, delete the old version's file, and commit the new one.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './lib/vendor-files.mjs';

const require = createRequire(import.meta.url);
const { writeEmbeddedBase } = require(join(ROOT, 'packages', 'core', 'dist', 'database', 'embedded-base.js'));
const path = await writeEmbeddedBase();
console.log(`Wrote ${path}`);
