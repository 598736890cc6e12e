/// <reference types="jest" />
import { existsSync } from 'node:fs';

/**
 * How browser tests launch Debian's chromium (never a downloaded browser: `.ci/run` installs
 * it), headless and with no traffic of its own: `chromium.launch(TEST_CHROMIUM)`.
 */
export const TEST_CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** `describe` for a browser suite; skipped, with a line saying so, where chromium is not installed. */
export function describeInChromium(title: string, body: () => void): void {
  if (existsSync(TEST_CHROMIUM.executablePath)) {
    describe(title, body);
    return;
  }
  process.stderr.write(`SKIPPED "${title}": ${TEST_CHROMIUM.executablePath} is absent (apt-get install chromium).\n`);
  describe.skip(title, body);
}
