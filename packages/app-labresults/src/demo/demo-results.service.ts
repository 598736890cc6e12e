import { Clock, type Contact, ContactsService, type IncomingMessage, literal } from '@mwana/core';
import { Inject, Injectable } from '@nestjs/common';
import { type FindOptionsWhere, MoreThan } from 'typeorm';
import { ClinicDirectory, type Place } from '../clinics/clinic-directory';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { fakeResults } from '../printers/fake-results';
import { ResultDelivery } from '../results/result-delivery.service';
import { ResultsService } from '../results/results.service';
import { DemoPending } from './demo-pending.entity';

/** DEMO always announces the three made-up results. */
export const DEMO_RESULTS = 3;

/** A demo nobody answered is over after a day (a training session), so no phone waits on it for ever. */
const DEMO_HOURS = 24;

/**
 * The phones waiting after DEMO and the delivery of its made-up results: the real texts,
 * nothing stored or disclosed. The PIN itself is checked (and counted towards the lock) by
 * the PIN reply, as for real results.
 */
@Injectable()
export class DemoResults {
  constructor(
    private readonly results: ResultsService,
    private readonly delivery: ResultDelivery,
    private readonly directory: ClinicDirectory,
    private readonly contacts: ContactsService,
    private readonly clock: Clock,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {}

  /** The clinic whose demo this phone waits for, if any. */
  async waitingAt(msg: IncomingMessage): Promise<Place | null> {
    const pending = await msg.db.findOneBy(DemoPending, this.current(msg));
    return pending ? this.directory.get(pending.clinicId, msg.db) : null;
  }

  /** True while the phone waits for a demo PIN. */
  async waiting(msg: IncomingMessage): Promise<boolean> {
    return (await msg.db.countBy(DemoPending, this.current(msg))) > 0;
  }

  private current(msg: IncomingMessage): FindOptionsWhere<DemoPending> {
    return {
      connectionId: msg.connection.id,
      createdAt: MoreThan(new Date(this.clock.now().getTime() - DEMO_HOURS * 3_600_000)),
    };
  }

  /** The collector gets the made-up results; the clinic's other waiters hear who collected them. */
  async deliver(msg: IncomingMessage, collector: Contact, clinic: Place): Promise<void> {
    const items = fakeResults(this.settings.fakeIdFormat, clinic.code).map(
      (r) => `**** ${r.requisitionId};${this.results.display(r)}`,
    );
    // Made up, but worded as real ones: kept masked all the same.
    const secrets = [
      this.settings.resultWords.detected,
      this.settings.resultWords.notDetected,
      this.settings.resultWords.rejected,
    ];
    const [first, ...more] = this.delivery.pack(items);
    msg.respond(texts.resultsFirst, { results: first }, { secrets });
    for (const text of more) msg.respond(literal(text), {}, { secrets });
    const waiters = await msg.db.find(DemoPending, { where: { clinicId: clinic.id } });
    const others = waiters.map((w) => w.connectionId).filter((id) => id !== msg.connection.id);
    for (const { connection, contact } of await this.contacts.connections(others, msg.db)) {
      if (contact?.active) msg.notify({ connection, contact }, texts.alreadyCollected, { name: collector.name });
    }
    await msg.db.delete(DemoPending, { clinicId: clinic.id });
    msg.respond(texts.deleteReminder, { name: collector.name });
  }
}
