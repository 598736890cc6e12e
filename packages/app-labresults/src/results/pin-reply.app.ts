import { type HandleResult, type IncomingMessage, SmsApp, type SmsAppHooks } from '@mwana/core';
import { Inject } from '@nestjs/common';
import { ApprovalsService } from '../approvals/approvals.service';
import { ClinicWorkers } from '../clinics/clinic-workers.service';
import { DemoResults } from '../demo/demo-results.service';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { ResultDelivery } from './result-delivery.service';
import { PinAttempts } from './pin-attempts.service';
import { ResultsService } from './results.service';
import { withheldReply } from './withheld-reply';

const PIN_LIKE = /^\s*\d{4}\s*$/;

/**
 * The PIN reply (docs/keywords.md#pin-reply): a phone told that results wait answers with its PIN. It runs
 * after the keyword handlers, so `RESULT 12345` sent while waiting is still RESULT. Four
 * digits are a PIN attempt, counted (`PinAttempts`); any other text while waiting gets the
 * wrong-PIN reply only if no app handled it (the default phase), as Mwana's "possible bad
 * PIN" did. A phone waiting after DEMO gets the same texts with made-up results; its wrong
 * PINs count towards the lock too. The text of a PIN attempt is a secret: it goes to the
 * check and nowhere else.
 */
@SmsApp({ name: 'labresults' })
export class PinReplyApp implements SmsAppHooks {
  constructor(
    private readonly results: ResultsService,
    private readonly delivery: ResultDelivery,
    private readonly attempts: PinAttempts,
    private readonly workers: ClinicWorkers,
    private readonly approvals: ApprovalsService,
    private readonly demo: DemoResults,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {}

  async handle(msg: IncomingMessage): Promise<HandleResult> {
    const contact = msg.contact;
    if (!PIN_LIKE.test(msg.text) || !contact?.active) return 'continue';
    // And, in the same statement, whether approval was withdrawn since the phone was told results wait.
    const { results: waiting, withheld } = await this.results.waitingFor(
      msg.connection.id,
      { contactId: contact.id, statuses: this.approvals.withheldStatuses },
      msg.db,
    );
    // Real results first; a PIN tried on the demo's counts towards the lock all the same.
    const demoClinic = waiting.length === 0 ? await this.demo.waitingAt(msg) : null;
    if (waiting.length === 0 && !demoClinic) return 'continue';
    if (!demoClinic && withheld) {
      const standing = await this.workers.standing(contact, msg.db);
      if (standing.kind === 'pending' || standing.kind === 'rejected') {
        msg.respond(...withheldReply(standing));
        return 'handled';
      }
    }
    const check = await this.attempts.attempt(msg, contact, msg.text.trim());
    if (check.kind === 'locked') {
      msg.respond(texts.pinLocked, { minutes: this.settings.pinLockMinutes });
      return 'handled';
    }
    if (check.kind === 'wrong') {
      msg.respond(texts.badPin);
      return 'handled';
    }
    if (demoClinic) {
      await this.demo.deliver(msg, contact, demoClinic);
      return 'handled';
    }
    // Claimed now that this contact's attempts run one at a time: a right PIN sent twice delivers once.
    return (await this.delivery.deliver(msg, contact)) ? 'handled' : 'continue';
  }

  async default(msg: IncomingMessage): Promise<HandleResult> {
    if (!msg.contact?.active) return 'continue';
    const waiting = await this.results.waiting(msg.connection.id, msg.db);
    if (waiting.length > 0 || (await this.demo.waiting(msg))) {
      msg.respond(texts.badPin);
      return 'handled';
    }
    return this.settings.alreadyCollectedReply && PIN_LIKE.test(msg.text) ? this.alreadyCollected(msg) : 'continue';
  }

  /**
   * Malawi: a worker's PIN when nothing waits is answered with who collected the last
   * results. The PIN is checked, so it is counted like any other.
   */
  private async alreadyCollected(msg: IncomingMessage): Promise<HandleResult> {
    const standing = await this.workers.standing(msg.contact, msg.db);
    if (standing.kind !== 'eligible') return 'continue';
    const { contact, clinic } = standing;
    const check = await this.attempts.attempt(msg, contact, msg.text.trim());
    if (check.kind === 'locked') {
      msg.respond(texts.pinLocked, { minutes: this.settings.pinLockMinutes });
      return 'handled';
    }
    if (check.kind === 'wrong') return 'continue';
    const collector = await this.results.lastCollector(clinic.id, msg.db);
    if (!collector) return 'continue';
    if (collector.id === contact.id) msg.respond(texts.youCollected, { name: contact.name });
    else msg.respond(texts.otherCollected, { name: contact.name, collector: collector.name });
    return 'handled';
  }
}
