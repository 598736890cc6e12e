import {
  calendarDay,
  Clock,
  countryConfig,
  type IncomingMessage,
  KeywordHandler,
  KeywordHandlerBase,
  lettersToDigits,
  MwanaConfig,
  SmsReplyError,
} from '@mwana/core';
import { Inject } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApprovalsService } from '../approvals/approvals.service';
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

const pad = (n: number): string => String(n).padStart(2, '0');
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * REPORT `<location code> [<month>]` (docs/keywords.md#report): a clinic worker reads how many results
 * were sent in a month to a clinic, or to all the clinics of a district or province,
 * by result. No month, or one not understood: this month.
 */
@KeywordHandler({
  app: 'labresults',
  keyword: 'REPORT',
  aliases: ['REPORTS', 'REPOT', 'REPOTS'],
  help: texts.reportHelp,
})
export class ReportHandler extends KeywordHandlerBase {
  private readonly timeZone: string;

  constructor(
    private readonly directory: ClinicDirectory,
    private readonly approvals: ApprovalsService,
    private readonly clock: Clock,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
    config: MwanaConfig,
  ) {
    super();
    this.timeZone = config.section(countryConfig).timezone;
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const contact = msg.contact;
    if (!contact?.active || !contact.roles.includes('clinic-worker')) throw new SmsReplyError(texts.reportNotAllowed);
    // Reports count results: a worker people have not approved (or refused) gets none.
    if ((await this.approvals.withheld([contact.id], msg.db)).has(contact.id))
      throw new SmsReplyError(texts.reportNotAllowed);
    const [codeWord, monthWord] = rest.trim().split(/\s+/);
    const area = await this.area(lettersToDigits(codeWord), msg.db);
    if (!area) throw new SmsReplyError(texts.reportUnknownLocation, { code: codeWord });

    // The month on the country's calendar: a result sent at 01:00 on 1 February is February's.
    const today = calendarDay(this.clock.now(), this.timeZone);
    const month = (parseMonth(monthWord) ?? today.month - 1) + 1;
    const rows: Array<{ result: string; count: number }> = await msg.db.query(
      `SELECT result, count(*)::int AS count FROM lab_result
        WHERE clinic_id = ANY($1) AND result IS NOT NULL AND result_sent_date IS NOT NULL
          AND date_trunc('month', result_sent_date AT TIME ZONE $2) = make_date($3, $4, 1)
        GROUP BY result`,
      [area.clinicIds, this.timeZone, today.year, month],
    );
    const count = (codes: readonly string[]) =>
      rows.filter((r) => codes.includes(r.result)).reduce((sum, r) => sum + r.count, 0);
    const words = this.settings.resultWords;
    msg.respond(texts.report, {
      location: area.name,
      from: `01/${pad(month)}/${today.year}`,
      to: `${daysIn(today.year, month)}/${pad(month)}/${today.year}`,
      detectedWord: words.detected,
      notDetectedWord: words.notDetected,
      rejectedWord: words.rejected,
      detected: count(['P']),
      notDetected: count(['N']),
      rejected: count(['R', 'I', 'X']),
      total: count(['P', 'N', 'R', 'I', 'X']),
    });
  }

  /** The place the code names and its clinics (a district's or province's, or the clinic itself); else clinics coded under it. */
  private async area(code: string, db: EntityManager): Promise<{ name: string; clinicIds: readonly number[] } | null> {
    const place = await this.directory.findByCode(code, ['province', 'district', 'clinic', 'other'], db);
    if (!place) return this.directory.clinicsUnderCode(code, db);
    const under = await this.directory.placesUnder(place.id, ['clinic'], db);
    return { name: place.name, clinicIds: under.length > 0 ? under.map((p) => p.id) : [place.id] };
  }
}
