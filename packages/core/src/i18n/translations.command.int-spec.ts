import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../cli/operator-command';
import { ConversationHarness } from '../testing/harness';
import { SHUTDOWN_TIMEOUT_MS, STARTUP_TIMEOUT_MS } from '../testing/timeouts';
import { TranslationsCommand } from './translations.command';

const LEAVE = "You have successfully unregistered, {name}. We're sorry to see you go.";

/** `mwana translations check`, as `.ci/run` runs it, on a Bemba catalogue with one text. */
async function check(bemba: string): Promise<{ code: number; out: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'mwana-lengths-'));
  writeFileSync(
    join(dir, 'bem.po'),
    `msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n#, fuzzy, python-brace-format\nmsgid "${LEAVE}"\nmsgstr "${bemba}"\n`,
  );
  const harness = await ConversationHarness.create({ localeDirs: [dir] });
  try {
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => out.push(t) };
    const code = await harness.get(TranslationsCommand).run(['check'], io);
    return { code, out };
  } finally {
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('mwana translations check: the SMS length check', () => {
  it(
    'passes when every text fits, and exits 1 naming the text, language and length when a translation is made too long',
    async () => {
      const fits = await check('Mwafuma bwino mu Mwana, {name}. Twaumfwa bubi ukuti mulefuma.');
      expect(fits.out.filter((l) => l.includes('TOO LONG'))).toEqual([]);
      expect(fits.out).toContain('  every other text fits in one SMS');
      expect(fits.code).toBe(0);

      const longer = `Mwafuma bwino mu Mwana, {name}. ${'Twaumfwa bubi ukuti mulefuma. '.repeat(5).trim()}`;
      const tooLong = await check(longer);
      // 24 + a 30-character name + 2 + 149 characters: 205, two SMS at the country's 160 (split at a space).
      expect(tooLong.out.filter((l) => l.includes('TOO LONG'))).toEqual([
        '  TOO LONG bem contacts.leaveDone: 205 characters > 160, 2 SMS (159 + 45)',
      ]);
      expect(tooLong.out.at(-1)).toBe('  1 text(s) too long: shorten them, or declare why they may be long');
      expect(tooLong.code).toBe(1);
    },
    2 * STARTUP_TIMEOUT_MS + SHUTDOWN_TIMEOUT_MS,
  );
});
