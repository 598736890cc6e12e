import { runCliMain } from '@mwana/core';
import { zambia } from './country';

// `node dist/main.js` starts the server, as `mwana start` does.
runCliMain(zambia, ['start', ...process.argv.slice(2)]);
