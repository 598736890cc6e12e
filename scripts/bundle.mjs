#!/usr/bin/env node
// `pnpm bundle <country> [--out bundles] [--version X] [--embedded]`: one archive to deploy a
// country: its built code, production dependencies from requirements-vendor/ (no network),
// config, catalogues, migrations, the `mwana` launcher, a systemd unit and INSTALL.md.
// Prints the archive's path and sizes. See lib/bundle.mjs.
import { parseArgs } from 'node:util';
import { buildBundle } from './lib/bundle.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: 'bundles' },
    version: { type: 'string' },
    embedded: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const [country] = positionals;
if (!country || positionals.length > 1) {
  console.error('Usage: pnpm bundle <country> [--out bundles] [--version X] [--embedded] [--no-build]');
  process.exit(2);
}
buildBundle({
  country,
  out: values.out,
  version: values.version,
  embedded: values.embedded,
  build: !values['no-build'],
}).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
