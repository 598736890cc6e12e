import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../cli/operator-command';
import { Catalogue } from '../i18n/catalogue';
import { registeredMessages, messageLabel } from '../i18n/messages';
import { ConversationHarness } from '../testing/harness';
import { SHUTDOWN_TIMEOUT_MS, STARTUP_TIMEOUT_MS } from '../testing/timeouts';
import { writeBembaCatalogue } from './__fixtures__/bemba-catalogue';
import { TranslationReviewService } from './translation-review.service';
import { TranslationsExportCommand } from './translations-export.command';

const message = (label: string) => registeredMessages().find((m) => messageLabel(m) === label)!;

describe('mwana translations export: console approvals into the .po files (real PostgreSQL)', () => {
  let harness: ConversationHarness;
  let locale: string;
  let file: string;
  let original: string;

  async function exportApprovals(args: string[] = []): Promise<{ code: number; out: string[] }> {
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => out.push(t) };
    const code = await harness.get(TranslationsExportCommand).run(args, io);
    return { code, out };
  }

  beforeAll(async () => {
    locale = writeBembaCatalogue();
    file = join(locale, 'bem.po');
    original = readFileSync(file, 'utf8');
    harness = await ConversationHarness.create({ localeDirs: [locale] });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await harness?.close();
    rmSync(locale, { recursive: true, force: true });
  }, SHUTDOWN_TIMEOUT_MS);
  beforeEach(async () => {
    await harness.dataSource.query('DELETE FROM translation_approval');
    writeFileSync(file, original);
  });

  it('takes the fuzzy flag off each approved draft only, keeping its other flags and every other line', async () => {
    await harness.get(TranslationReviewService).approve('bem', 'contacts.leaveDone', 'ana');

    const dry = await exportApprovals(['--dry-run']);
    expect(dry).toEqual({
      code: 0,
      out: [`${file}: 1 approved draft(s) would lose their fuzzy flag`, '  contacts.leaveDone'],
    });
    expect(readFileSync(file, 'utf8')).toBe(original);

    const done = await exportApprovals();
    expect(done.code).toBe(0);
    expect(done.out.slice(0, 2)).toEqual([
      `${file}: 1 approved draft(s) lost their fuzzy flag`,
      '  contacts.leaveDone',
    ]);
    const written = readFileSync(file, 'utf8');
    expect(written).toBe(
      original.replace(
        '#. contacts.leaveDone\n#, fuzzy, python-brace-format\n',
        '#. contacts.leaveDone\n#, python-brace-format\n',
      ),
    );
    // Read as the next release reads it: reviewed; the draft nobody approved is still fuzzy.
    const catalogue = Catalogue.load([locale]);
    expect(catalogue.find('bem', message('contacts.leaveDone'))?.fuzzy).toBe(false);
    expect(catalogue.find('bem', message('contacts.languageUnknownSender'))?.fuzzy).toBe(true);

    // A second run changes nothing.
    expect((await exportApprovals()).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(written);
  });

  it('drops an emptied flag line, and leaves a draft changed in the file since its approval fuzzy', async () => {
    const review = harness.get(TranslationReviewService);
    await review.approve('bem', 'contacts.languageUnknownSender', 'ana');
    await review.approve('bem', 'contacts.leaveDone', 'ana');
    // Someone edits the approved leaveDone draft in the file before the export (the app still holds the old one).
    writeFileSync(file, original.replace('Mwafuma bwino mu Mwana', 'Mwafuma mu Mwana'));

    const done = await exportApprovals();
    expect(done.out).toContain('  contacts.languageUnknownSender');
    expect(done.out).toContain('  not found as approved in the file: contacts.leaveDone');
    const written = readFileSync(file, 'utf8');
    expect(written).toContain(
      '#. contacts.languageUnknownSender\nmsgid "You must JOIN or IDENTIFY yourself before you can set your language preference."',
    );
    expect(written).toContain('#, fuzzy, python-brace-format\nmsgid "You have successfully unregistered');
  });

  it('says so when there is no approval to export', async () => {
    expect(await exportApprovals()).toEqual({
      code: 0,
      out: ['No approval to export: every approved draft is already reviewed in its .po file.'],
    });
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});
