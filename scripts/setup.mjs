#!/usr/bin/env node
// `node scripts/setup.mjs [--store-dir DIR]`: install the workspace from requirements-vendor/
// with no network (see lib/offline.mjs).
import { parseArgs } from 'node:util';
import { offlineInstall } from './lib/offline.mjs';

const { values } = parseArgs({ options: { 'store-dir': { type: 'string' } } });
offlineInstall({ storeDir: values['store-dir'] }).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
