import { parseArgs } from 'node:util';
import { Inject } from '@nestjs/common';
import { OperatorCommand, type CliIo, type OperatorCommandRunner } from '../cli/operator-command';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { Catalogue } from './catalogue';
import { messageLabel } from './messages';
import { findMissingTranslations } from './missing-translations';
import { toPot } from './pot';

/** What translators and release managers need: the texts still untranslated, and a template. */
@OperatorCommand({
  name: 'translations',
  usage: [
    'translations check [--strict]      per configured language: reviewed, fuzzy and missing texts (--strict: exit 1 if any missing)',
    'translations template              a gettext template (.pot) of every text, on standard output',
  ],
})
export class TranslationsCommand implements OperatorCommandRunner {
  constructor(
    @Inject(Catalogue) private readonly catalogue: Catalogue,
    private readonly config: MwanaConfig,
  ) {}

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { strict: { type: 'boolean', default: false } },
    });
    const country = this.config.section(countryConfig);
    if (positionals[0] === 'template') {
      io.out(toPot(undefined, { project: `Mwana ${country.name}` }));
      return 0;
    }
    if (positionals[0] !== 'check') {
      io.err('Usage: mwana translations check [--strict] | template');
      return 2;
    }
    const missing = findMissingTranslations(
      this.catalogue,
      country.languages.map((l) => l.code),
    );
    for (const { language, messages, fuzzy, reviewed } of missing) {
      io.out(
        `${language}: ${reviewed.length} reviewed, ${fuzzy.length} fuzzy (sent, awaiting review), ${messages.length} missing`,
      );
      for (const message of messages) io.out(`  missing ${messageLabel(message)}: ${message.id}`);
    }
    const total = missing.reduce((sum, m) => sum + m.messages.length, 0);
    return values.strict && total > 0 ? 1 : 0;
  }
}
