import { type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { labresultsTexts as texts } from '../labresults.texts';
import { SampleNotices } from './sample-notices.service';

const COUNT_AND_CODE = /^(-?\d+)\s+(\d+)\b/;

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
    const match = COUNT_AND_CODE.exec(rest.trim());
    if (!match) throw new SmsReplyError(texts.receivedHelp);
    const code = match[2].slice(0, 6);
    const clinic = await this.directory.findByCode(code, ['clinic', 'other'], msg.db);
    if (!clinic) throw new SmsReplyError(texts.receivedUnknownClinic, { code });
    const count = Number(match[1]);
    if (count < 1) throw new SmsReplyError(texts.receivedZero);
    await this.notices.record(msg, contact, {
      kind: 'hub-received',
      locationId: contact.locationId,
      clinicId: clinic.id,
      count,
    });
    msg.respond(texts.received, { name: contact.name, count, clinic: clinic.name });
  }
}
