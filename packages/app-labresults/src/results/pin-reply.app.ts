import { Clock, type HandleResult, type IncomingMessage, SmsApp, type SmsAppHooks, verifyPin } from '@mwana/core';
import { Inject } from '@nestjs/common';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { DemoResults } from '../demo/demo-results.service';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { ResultDelivery } from './result-delivery.service';
import { PinLockService } from './pin-lock.service';
import { ResultsService } from './results.service';

const PIN_LIKE = /^\s*\d{4}\s*$/;

/**
 * The PIN reply (docs/keywords.md#pin-reply): a phone told that results wait answers with its PIN. It runs
 * after the keyword handlers, so `RESULT 12345` sent while waiting is still RESULT. Four
 * digits are a PIN attempt; any other text while waiting gets the wrong-PIN reply only if
 * no app handled it (the default phase), as Mwana's "possible bad PIN" did. A phone waiting
 * after DEMO gets the same texts with made-up results; its wrong PINs count towards the lock too.
 */
@SmsApp({ name: 'labresults' })
export class PinReplyApp implements SmsAppHooks {
  constructor(
    private readonly results: ResultsService,
    private readonly delivery: ResultDelivery,
    private readonly locks: PinLockService,
    private readonly directory: ClinicDirectory,
    private readonly demo: DemoResults,
    private readonly clock: Clock,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {}

  async handle(msg: IncomingMessage): Promise<HandleResult> {
    if (!PIN_LIKE.test(msg.text) || !msg.contact?.active) return 'continue';
    const waiting = await this.results.waiting(msg.connection.id, msg.db);
    // Real results first; a PIN tried on the demo's counts towards the lock all the same.
    const demoClinic = waiting.length === 0 ? await this.demo.waitingAt(msg) : null;
    if (waiting.length === 0 && !demoClinic) return 'continue';
    const now = this.clock.now();
    const contact = await this.results.withPin(msg.contact.id, msg.db);
    if (!contact) return 'continue';
    if (await this.locks.isLocked(contact.id, now, msg.db)) {
      msg.respond(texts.pinLocked, { minutes: this.settings.pinLockMinutes });
      return 'handled';
    }
    if (await verifyPin(msg.text.trim(), contact.pinHash)) {
      await this.locks.succeeded(contact.id, msg.db);
      if (demoClinic) await this.demo.deliver(msg, contact, demoClinic);
      else await this.delivery.deliver(msg, contact, waiting, now);
      return 'handled';
    }
    const clinic = contact.locationId === null ? null : await this.directory.clinicOf(contact.locationId, msg.db);
    const locked = await this.locks.failed(msg, contact, clinic, now);
    msg.respond(locked ? texts.pinLocked : texts.badPin, locked ? { minutes: this.settings.pinLockMinutes } : {});
    return 'handled';
  }

  async default(msg: IncomingMessage): Promise<HandleResult> {
    if (!msg.contact?.active) return 'continue';
    const waiting = await this.results.waiting(msg.connection.id, msg.db);
    if (waiting.length > 0 || (await this.demo.waiting(msg))) {
      msg.respond(texts.badPin);
      return 'handled';
    }
    return this.settings.alreadyCollectedReply && PIN_LIKE.test(msg.text)
      ? this.alreadyCollected(msg, msg.contact.id)
      : 'continue';
  }

  /** Malawi: a worker's PIN when nothing waits is answered with who collected the last results. */
  private async alreadyCollected(msg: IncomingMessage, contactId: number): Promise<HandleResult> {
    const contact = await this.results.withPin(contactId, msg.db);
    if (!contact?.roles.includes('clinic-worker') || contact.locationId === null) return 'continue';
    if (!(await verifyPin(msg.text.trim(), contact.pinHash))) return 'continue';
    const clinic = await this.directory.clinicOf(contact.locationId, msg.db);
    const collector = clinic ? await this.results.lastCollector(clinic.id, msg.db) : null;
    if (!collector) return 'continue';
    if (collector.id === contact.id) msg.respond(texts.youCollected, { name: contact.name });
    else msg.respond(texts.otherCollected, { name: contact.name, collector: collector.name });
    return 'handled';
  }
}
