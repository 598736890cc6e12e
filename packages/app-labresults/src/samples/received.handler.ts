import { type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { labresultsTexts as texts } from '../labresults.texts';
import { parseSampleCount } from './sample-count';
import { SampleNotices } from './sample-notices.service';

/**
 * `<count> <clinic code>` as hub workers type it: the code is the last run of digits (after the
 * count), the count before it in digits or words, as SENT reads it (`12`, `twelve`,
 * `twenty five`, `1o`), with commas, colons or `samples` around (`5, 403012`, `5 samples: 403012`).
 * Null when there is no code or no count.
 */
export function parseReceived(text: string): { count: number; code: string } | null {
  const tokens = text.split(/[\s,;:]+/).filter(Boolean);
  for (let i = tokens.length - 1; i >= 1; i--) {
    if (!/^\d+\.?$/.test(tokens[i])) continue;
    const before = tokens
      .slice(0, i)
      .filter((t) => !/^(dbs|samples?|from|at|of)$/i.test(t))
      .join(' ');
    if (!before) return null;
    const count = /^-\d+$/.test(before) ? Number(before) : parseSampleCount(before);
    return count === null ? null : { count, code: tokens[i].replace('.', '') };
  }
  return null;
}

/** Mwana's bound on a believable count, as SENT's. */
const MAX_SAMPLES = 100_000;

/** RECEIVED `<count> <clinic code>` (docs/keywords.md#received): a hub worker reports DBS samples received from a clinic. */
@KeywordHandler({
  app: 'labresults',
  keyword: 'RECEIVED',
  aliases: ['RECIEVED', 'RECEIVE', 'RECIEVE'],
  help: texts.receivedHelp,
})
export class ReceivedHandler extends KeywordHandlerBase {
  constructor(
    private readonly directory: ClinicDirectory,
    private readonly notices: SampleNotices,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const contact = msg.contact?.active && msg.contact.locationId !== null ? msg.contact : null;
    if (!contact?.locationId) throw new SmsReplyError(texts.sentRegisteredOnly);
    const match = parseReceived(rest.trim());
    if (!match) throw new SmsReplyError(texts.receivedHelp);
    const code = match.code.slice(0, 6);
    const clinic = await this.directory.findByCode(code, ['clinic', 'other'], msg.db);
    if (!clinic) throw new SmsReplyError(texts.receivedUnknownClinic, { code });
    const count = match.count;
    if (count < 1) throw new SmsReplyError(texts.receivedZero);
    if (count > MAX_SAMPLES) throw new SmsReplyError(texts.receivedHelp);
    await this.notices.record(msg, contact, {
      kind: 'hub-received',
      locationId: contact.locationId,
      clinicId: clinic.id,
      count,
    });
    msg.respond(texts.received, { name: contact.name, count, clinic: clinic.name });
  }
}
