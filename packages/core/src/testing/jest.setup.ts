/// <reference types="jest" />
import { STARTUP_TIMEOUT_MS } from './timeouts';

// Run by every package's jest (jest.preset.js): hooks start apps, and a busy machine must not
// turn a slow start into a failure (see STARTUP_TIMEOUT_MS).
jest.setTimeout(STARTUP_TIMEOUT_MS);
