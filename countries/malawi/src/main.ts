import { runCliMain } from '@mwana/core';
import { malawi } from './country';

// `node dist/main.js` starts the server, as `mwana start` does.
runCliMain(malawi, ['start', ...process.argv.slice(2)]);
