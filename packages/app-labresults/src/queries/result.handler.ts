import {
  Clock,
  type IncomingMessage,
  KeywordHandler,
  KeywordHandlerBase,
  matchKeyword,
  plainTyping,
  SmsReplyError,
} from '@mwana/core';
import { Inject } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Place } from '../clinics/clinic-directory';
import { ClinicWorkers } from '../clinics/clinic-workers.service';
import { LabResult } from '../entities/lab-result.entity';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { fakeId } from '../printers/fake-results';
import { ResultsService } from '../results/results.service';
import { withheldReply } from '../results/withheld-reply';

/** A sample id is digits, dashes and a few letters (`ID45`, `0101-9999-1`); a word is not. */
const TOO_MANY_LETTERS = /[a-z]{6,}/i;

/**
 * The ids in a RESULT as typed: separated by spaces, commas or semicolons (`1029, 1030`,
 * `1029 , 1030`, `1029;1030`), a full stop or colon around one dropped (`1030.`): a comma
 * standing alone is no id.
 */
export const sampleIds = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((token) => token.replace(/^[.:]+|[.:]+$/g, ''))
    .filter(Boolean);

/** `10-0998` and `100998` name the same sample, in any case. */
const searchable = (id: string): string => id.replaceAll('-', '').toUpperCase();

/**
 * RESULT `<id> [<id> ...]` (docs/keywords.md#result): a clinic worker asks for given samples' results.
 * Looked up at the sender's clinic (Mwana looked at their own location, which missed zone
 * workers), by requisition id with or without the clinic's code in front. Results found are
 * not sent on the spot, which would let a phone without the PIN read them
 * (docs/keywords.md#who-sees-results): the phone waits for the PIN for them, as after CHECK, and the PIN reply
 * delivers them. Samples without a result yet, and ids not found, get their own replies.
 */
@KeywordHandler({
  app: 'labresults',
  keyword: 'RESULT',
  aliases: ['RESULTS', 'RESUT', 'RESUTS'],
  help: texts.resultHelp,
  // Sample ids such as 403012/10 keep their slash.
  cleaning: { keep: '/' },
  advertise: 40,
})
export class ResultHandler extends KeywordHandlerBase {
  constructor(
    private readonly results: ResultsService,
    private readonly workers: ClinicWorkers,
    private readonly clock: Clock,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const standing = await this.workers.standing(msg.contact, msg.db);
    if (standing.kind === 'unregistered') throw new SmsReplyError(texts.resultRegisteredOnly);
    if (standing.kind !== 'eligible') throw new SmsReplyError(...withheldReply(standing));
    const { contact, clinic } = standing;
    if (TOO_MANY_LETTERS.test(rest)) throw new SmsReplyError(texts.resultNotUnderstood);
    // Ids as sent (string cleaning reads `ID45` as `1D45`), each also tried as cleaned (`1OO9` as `1009`).
    const cleaned = sampleIds(rest);
    // The keyword taken off as the router took it (`RESULT1029` too: a digit glued to the keyword starts the ids).
    const typed = plainTyping(msg.rawText);
    const raw = sampleIds(matchKeyword(this.keywordPattern(), typed)?.rest ?? typed.trim().replace(/^\S+/, ''));
    const spellings = new Map<string, string[]>();
    raw.forEach((token, i) => spellings.set(token, raw.length === cleaned.length ? [token, cleaned[i]] : [token]));
    const tokens = [...spellings.keys()];

    const live = this.settings.sendLive && clinic.sendLiveResults;
    const found = live ? await this.lookup(clinic, spellings, msg.db) : new Map<string, LabResult[]>();
    const matches = [...new Map([...found.values()].flat().map((r) => [r.id, r])).values()].sort((a, b) => a.id - b.id);
    const missing = tokens.filter((token) => !found.has(token));

    if (matches.length === 0 && tokens.length === 1 && this.isFakeId(tokens[0], clinic)) {
      msg.respond(
        texts.resultFake,
        {
          id: fakeId(this.settings.fakeIdFormat, 9999, clinic.code),
          result: this.settings.resultWords.detected,
        },
        { secrets: [this.settings.resultWords.detected] },
      );
      return;
    }
    const ready = matches.filter((r) => r.result !== null);
    const notReady = matches.filter((r) => r.result === null);
    if (ready.length > 0) {
      await this.results.awaitPin(
        msg.connection,
        contact.id,
        ready.slice(0, this.settings.batchSize),
        this.clock.now(),
        msg.db,
      );
      msg.respond(texts.resultsReady, { name: contact.name, count: Math.min(ready.length, this.settings.batchSize) });
    }
    if (notReady.length > 0)
      msg.respond(texts.resultNotReady, { ids: [...new Set(notReady.map((r) => r.requisitionId))].join(', ') });
    if (missing.length === 1) msg.respond(texts.resultNotFoundOne, { id: missing[0] });
    if (missing.length > 1) msg.respond(texts.resultNotFoundMany, { ids: missing.join(', ') });
  }

  /** Each token's verified results at the clinic: the id as written, without the clinic's code in front, or with it. */
  private async lookup(
    clinic: Place,
    spellings: ReadonlyMap<string, readonly string[]>,
    db: EntityManager,
  ): Promise<Map<string, LabResult[]>> {
    const prefix = searchable(clinic.code);
    const candidates = new Map<string, string[]>();
    for (const [token, forms] of spellings) {
      candidates.set(
        token,
        forms.map(searchable).flatMap((id) => [id, id.startsWith(prefix) ? id.slice(prefix.length) : `${prefix}${id}`]),
      );
    }
    const rows = await db
      .getRepository(LabResult)
      .createQueryBuilder('r')
      .where('r.clinic_id = :clinicId', { clinicId: clinic.id })
      .andWhere('r.verified IS NOT FALSE')
      .andWhere(`upper(replace(r.requisition_id, '-', '')) IN (:...ids)`, { ids: [...candidates.values()].flat() })
      .orderBy('r.id')
      .getMany();
    const found = new Map<string, LabResult[]>();
    for (const [token, ids] of candidates) {
      const hits = rows.filter((r) => ids.includes(searchable(r.requisitionId)));
      if (hits.length > 0) found.set(token, hits);
    }
    return found;
  }

  /** The demo sample (`9999` in the country's format; Malawi's also without the clinic's code). */
  private isFakeId(token: string, clinic: Place): boolean {
    const fake = searchable(fakeId(this.settings.fakeIdFormat, 9999, clinic.code));
    const id = searchable(token);
    return id === fake || `${searchable(clinic.code)}${id}` === fake;
  }
}
