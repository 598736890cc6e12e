import { Clock, type IncomingMessage, KeywordHandler, KeywordHandlerBase, lettersToDigits, SmsReplyError } from '@mwana/core';
import { Inject } from '@nestjs/common';
import { ClinicDirectory } from '../clinics/clinic-directory';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `mar`, `March`, `3` -> 2 (a month index); null for anything else. */
export function parseMonth(word: string | undefined): number | null {
  if (!word) return null;
  const number = Number(lettersToDigits(word));
  if (Number.isInteger(number) && number >= 1 && number <= 12) return number - 1;
  const index = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return index >= 0 ? index : null;
}

const dayMonthYear = (date: Date): string =>
  `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;

/**
 * REPORT `<location code> [<month>]` (spec §3.10): a clinic worker reads how many results
 * were sent in a month to a clinic, or to all the clinics of a district or province,
 * by result. No month, or one not understood: this month.
 */
@KeywordHandler({ app: 'labresults', keyword: 'REPORT', aliases: ['REPORTS', 'REPOT', 'REPOTS'], help: texts.reportHelp })
export class ReportHandler extends KeywordHandlerBase {
  constructor(
    private readonly directory: ClinicDirectory,
    private readonly clock: Clock,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    if (!msg.contact?.active || !msg.contact.roles.includes('clinic-worker')) throw new SmsReplyError(texts.reportNotAllowed);
    const [codeWord, monthWord] = rest.trim().split(/\s+/);
    const code = lettersToDigits(codeWord);
    const place = await this.directory.findByCode(code, ['province', 'district', 'clinic', 'other'], msg.db);
    if (!place) throw new SmsReplyError(texts.reportUnknownLocation, { code: codeWord });
    const under = await this.directory.placesUnder(place.id, ['clinic'], msg.db);
    const clinicIds = under.length > 0 ? under.map((p) => p.id) : [place.id];

    const now = this.clock.now();
    const month = parseMonth(monthWord) ?? now.getUTCMonth();
    const from = new Date(Date.UTC(now.getUTCFullYear(), month, 1));
    const to = new Date(Date.UTC(now.getUTCFullYear(), month + 1, 1));
    const rows: Array<{ result: string; count: number }> = await msg.db.query(
      `SELECT result, count(*)::int AS count FROM lab_result
        WHERE clinic_id = ANY($1) AND result_sent_date >= $2 AND result_sent_date < $3 AND result IS NOT NULL
        GROUP BY result`,
      [clinicIds, from, to],
    );
    const count = (codes: readonly string[]) => rows.filter((r) => codes.includes(r.result)).reduce((sum, r) => sum + r.count, 0);
    const words = this.settings.resultWords;
    msg.respond(texts.report, {
      location: place.name,
      from: dayMonthYear(from),
      to: dayMonthYear(new Date(to.getTime() - 24 * 60 * 60 * 1000)),
      detectedWord: words.detected,
      notDetectedWord: words.notDetected,
      rejectedWord: words.rejected,
      detected: count(['P']),
      notDetected: count(['N']),
      rejected: count(['R', 'I', 'X']),
      total: count(['P', 'N', 'R', 'I', 'X']),
    });
  }
}
