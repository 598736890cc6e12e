import { type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { labresultsTexts as texts } from '../labresults.texts';
import { RecipientsService } from '../printers/recipients.service';
import { parseSampleCount } from './sample-count';
import { SampleNotices } from './sample-notices.service';

/** Mwana's bound on a believable count: more is read as a typo and answered with the how-to. */
const MAX_SAMPLES = 100_000;

/**
 * SENT `<number of samples>` (docs/keywords.md#sent): a clinic reports DBS samples sent to the lab, and
 * the hub workers of its district are told; a hub worker reports samples sent on from the hub.
 */
@KeywordHandler({
  app: 'labresults',
  keyword: 'SENT',
  aliases: ['SEND', 'SEN', 'SNT', 'CENT', 'SND'],
  help: texts.sentHelp,
  advertise: 50,
})
export class SentHandler extends KeywordHandlerBase {
  constructor(
    private readonly directory: ClinicDirectory,
    private readonly recipients: RecipientsService,
    private readonly notices: SampleNotices,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const contact = msg.contact?.active && msg.contact.locationId !== null ? msg.contact : null;
    if (!contact?.locationId) throw new SmsReplyError(texts.sentRegisteredOnly);
    const count = parseSampleCount(rest);
    if (count === null) throw new SmsReplyError(texts.sentNotUnderstood);
    if (count < 1) throw new SmsReplyError(texts.sentZero);
    if (count > MAX_SAMPLES) throw new SmsReplyError(texts.sentHelp);

    if (contact.roles[0] === 'hub-worker') {
      const hub = await this.directory.get(contact.locationId, msg.db);
      if (!hub) throw new SmsReplyError(texts.sentRegisteredOnly);
      await this.notices.record(msg, contact, { kind: 'hub-sent', locationId: hub.id, count });
      msg.respond(texts.sentFromHub, { name: contact.name, count, hub: hub.name });
      return;
    }
    const clinic = await this.directory.clinicOf(contact.locationId, msg.db);
    if (!clinic) throw new SmsReplyError(texts.sentRegisteredOnly);
    await this.notices.record(msg, contact, { kind: 'clinic-sent', locationId: clinic.id, count });
    msg.respond(texts.sentFromClinic, { name: contact.name, count, clinic: clinic.name });
    const district = await this.directory.districtOf(clinic.id, msg.db);
    if (!district) return;
    for (const hubWorker of await this.recipients.at(district.id, 'hub-worker', msg.db)) {
      const hub =
        hubWorker.contact.locationId === null ? null : await this.directory.get(hubWorker.contact.locationId, msg.db);
      msg.notify(hubWorker, texts.sentToHub, {
        name: hubWorker.contact.name,
        clinic: clinic.name,
        count,
        hub: hub?.name ?? district.name,
      });
    }
  }
}
