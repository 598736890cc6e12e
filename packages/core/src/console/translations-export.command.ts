import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { OperatorCommand, type CliIo, type OperatorCommandRunner } from '../cli/operator-command';
import { MwanaConfig } from '../config/mwana-config';
import { type PoKey, withoutFuzzy } from '../i18n/po-unfuzzy';
import { TranslationReviewService } from './translation-review.service';

/**
 * `mwana translations export`: carries the console's approvals (`translation_approval`) into
 * the `.po` files, to be committed: each approved draft loses its `fuzzy` flag in the file it
 * comes from, if the file still holds that exact draft; nothing else in the file changes.
 * The approvals stay in the database (they then approve what the file says anyway).
 */
@OperatorCommand({
  name: 'translations export',
  usage: [
    'translations export [--dry-run]    write the console approvals into the .po files: approved drafts lose their fuzzy flag',
  ],
})
export class TranslationsExportCommand implements OperatorCommandRunner {
  constructor(
    private readonly review: TranslationReviewService,
    private readonly config: MwanaConfig,
  ) {}

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({ args: [...argv], options: { 'dry-run': { type: 'boolean', default: false } } });
    const dryRun = values['dry-run'];
    // The approved drafts still fuzzy in their files, by file.
    const byFile = new Map<string, Array<PoKey & { label: string }>>();
    for (const language of this.review.languages()) {
      for (const entry of (await this.review.review(language.code)).entries) {
        if (!entry.approval || !entry.translation) continue;
        const keys = byFile.get(entry.translation.file) ?? [];
        keys.push({
          context: entry.message.context ?? '',
          id: entry.message.id,
          forms: entry.translation.forms,
          label: entry.label,
        });
        byFile.set(entry.translation.file, keys);
      }
    }
    if (byFile.size === 0) {
      io.out('No approval to export: every approved draft is already reviewed in its .po file.');
      return 0;
    }
    for (const [file, keys] of byFile) {
      const { content, approved } = withoutFuzzy(readFileSync(file, 'utf8'), keys);
      const inCountry = relative(this.config.countryDir, file);
      const name = inCountry.startsWith('..') ? file : inCountry;
      if (!dryRun && approved.length > 0) writeFileSync(file, content);
      io.out(`${name}: ${approved.length} approved draft(s) ${dryRun ? 'would lose' : 'lost'} their fuzzy flag`);
      for (const key of approved) io.out(`  ${(key as PoKey & { label: string }).label}`);
      const missed = keys.filter((k) => !approved.includes(k));
      for (const key of missed) io.out(`  not found as approved in the file: ${key.label}`);
    }
    if (!dryRun) io.out('Commit the .po files: the approvals are then part of the release.');
    return 0;
  }
}
