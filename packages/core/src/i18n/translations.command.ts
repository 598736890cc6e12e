import { parseArgs } from 'node:util';
import { Inject } from '@nestjs/common';
import { OperatorCommand, type CliIo, type OperatorCommandRunner } from '../cli/operator-command';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { Catalogue } from './catalogue';
import { checkLengths } from './length-check';
import { lengthSamples } from './length-samples';
import { messageLabel, registeredMessages } from './messages';
import { findMissingTranslations } from './missing-translations';
import { toPot } from './pot';
import { Translator } from './translator';

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
    @Inject(Translator) private readonly translator: Translator,
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
    const tooLong = this.checkLengths(io, [...new Set(['en', ...country.languages.map((l) => l.code)])]);
    return tooLong > 0 || (values.strict && total > 0) ? 1 : 0;
  }

  /** Every text in every language with long values, at the country's SMS length: the count over it. */
  private checkLengths(io: CliIo, languages: string[]): number {
    const maxLength = this.config.section(countryConfig).smsMaxLength;
    const samples = lengthSamples(this.config.countryDir, this.translator);
    const reports = checkLengths(this.translator, registeredMessages(), languages, maxLength, samples);
    io.out(
      `lengths at ${maxLength} characters, with a ${samples.name.length}-character name, "${samples.clinic}" and counts of ${samples.count}:`,
    );
    let failures = 0;
    for (const report of reports) {
      if (report.parts.length <= 1) continue;
      const split = `${report.parts.length} SMS (${report.parts.map((p) => p.length).join(' + ')})`;
      if (report.tooLong) {
        failures += 1;
        io.out(`  TOO LONG ${report.language} ${report.label}: ${report.length} characters > ${maxLength}, ${split}`);
      } else {
        io.out(
          `  long by design ${report.language} ${report.label} (${report.message.long}): ${report.length} characters, ${split}`,
        );
      }
    }
    io.out(
      failures === 0
        ? '  every other text fits in one SMS'
        : `  ${failures} text(s) too long: shorten them, or declare why they may be long`,
    );
    return failures;
  }
}
