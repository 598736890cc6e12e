import { type Contact, ContactsService, countryConfig, type IncomingMessage, literal, MwanaConfig } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { labresultsTexts as texts } from '../labresults.texts';
import { packResultGroups, packResults } from './pack-results';
import { RESULTS_SMS, resultsSmsRef } from './results-sms.text';
import { ResultsService } from './results.service';

// "Thank you! Here are your results: " in English; translations of the lead may be longer,
// which the core's splitting then absorbs.
const LEAD_LENGTH = texts.resultsFirst.id.replace('{results}', '').length;

/** Hands waiting results to the worker who sent the right PIN (docs/keywords.md#pin-reply). */
@Injectable()
export class ResultDelivery {
  constructor(
    private readonly results: ResultsService,
    private readonly contacts: ContactsService,
    config: MwanaConfig,
  ) {
    // The country's SMS length: Zambia 160, Malawi 158 (its printers need 2 characters).
    this.maxLength = config.section(countryConfig).smsMaxLength;
  }

  private readonly maxLength: number;

  /** Result lines as SMS texts: the first leaves room for the "Thank you!" lead. */
  pack(items: readonly string[]): string[] {
    return packResults(items, LEAD_LENGTH, this.maxLength);
  }

  /**
   * Hands this phone's waiting results to the worker who sent the right PIN; false (nothing
   * sent) when the phone waits for nothing any more. Run it under the PIN check's lock: the
   * claim (`ResultsService.collect`) then reads what the attempt before this one left.
   */
  async deliver(msg: IncomingMessage, collector: Contact): Promise<boolean> {
    const db = msg.db;
    // One statement: the results, now on their way (sent, and disclosed, when the gateway takes
    // their SMS: `ResultsSmsText.settled`); this phone and everyone else told of them stop waiting.
    const { results: waiting, others } = await this.results.collect(msg.connection.id, db);
    if (waiting.length === 0) return false;
    const lines = this.results.lines(waiting);
    // Packed by the lines as they leave; written masked, each SMS naming its results (`ResultsSmsText`).
    const groups = packResultGroups(
      lines.map((l) => this.results.item(l.result, l.withDates)),
      LEAD_LENGTH,
      this.maxLength,
    );
    groups.forEach((group, n) => {
      const own = group.map((i) => lines[i]);
      const masked = own.map((l) => this.results.item(l.result, l.withDates, true)).join('. ');
      const options = { kind: RESULTS_SMS, ref: resultsSmsRef(own) };
      // Result lines are data, not translatable text.
      if (n === 0) msg.respond(texts.resultsFirst, { results: masked }, options);
      else msg.respond(literal(masked), {}, options);
    });

    // Everyone else told about these results hears who collected them.
    const otherConnections = others.length > 0 ? await this.contacts.connections(others, db) : [];
    for (const { connection, contact } of otherConnections) {
      if (contact?.active) msg.notify({ connection, contact }, texts.alreadyCollected, { name: collector.name });
    }

    msg.respond(texts.deleteReminder, { name: collector.name });
    return true;
  }
}
