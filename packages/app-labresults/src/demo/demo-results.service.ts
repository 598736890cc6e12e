import { Connection, type HandleResult, type IncomingMessage, literal, verifyPin } from '@mwana/core';
import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { ClinicDirectory } from '../clinics/clinic-directory';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { fakeResults } from '../printers/fake-results';
import { ResultDelivery } from '../results/result-delivery.service';
import { ResultsService } from '../results/results.service';
import { DemoPending } from './demo-pending.entity';

/** DEMO always announces the three made-up results. */
export const DEMO_RESULTS = 3;

/** The PIN reply of a phone waiting after DEMO: the real texts, made-up results, nothing stored or disclosed. */
@Injectable()
export class DemoResults {
  constructor(
    private readonly results: ResultsService,
    private readonly delivery: ResultDelivery,
    private readonly directory: ClinicDirectory,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {}

  /** 'continue' when the phone waits for no demo. */
  async answer(msg: IncomingMessage): Promise<HandleResult> {
    const pending = await msg.db.findOneBy(DemoPending, { connectionId: msg.connection.id });
    const contact = pending && msg.contact ? await this.results.withPin(msg.contact.id, msg.db) : null;
    const clinic = pending && contact ? await this.directory.get(pending.clinicId, msg.db) : null;
    if (!pending || !contact || !clinic) return 'continue';
    if (!(await verifyPin(msg.text.trim(), contact.pinHash))) {
      msg.respond(texts.badPin);
      return 'handled';
    }
    const items = fakeResults(this.settings.fakeIdFormat, clinic.code).map((r) => `**** ${r.requisitionId};${this.results.display(r)}`);
    const [first, ...more] = this.delivery.pack(items);
    msg.respond(texts.resultsFirst, { results: first });
    for (const text of more) msg.respond(literal(text));
    const others = await msg.db.find(DemoPending, { where: { clinicId: clinic.id }, order: { connectionId: 'ASC' } });
    const connections = await msg.db.find(Connection, {
      where: { id: In(others.map((o) => o.connectionId).filter((id) => id !== msg.connection.id)) },
      relations: { contact: true },
      order: { id: 'ASC' },
    });
    for (const connection of connections) {
      if (connection.contact?.active) msg.notify({ connection, contact: connection.contact }, texts.alreadyCollected, { name: contact.name });
    }
    await msg.db.delete(DemoPending, { connectionId: In(others.map((o) => o.connectionId)) });
    msg.respond(texts.deleteReminder, { name: contact.name });
    return 'handled';
  }

  /** True while the phone waits for a demo PIN. */
  async waiting(msg: IncomingMessage): Promise<boolean> {
    return (await msg.db.countBy(DemoPending, { connectionId: msg.connection.id })) > 0;
  }
}
