import { type Contact, ContactsService, countryConfig, type IncomingMessage, literal, MwanaConfig } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { LabResult } from '../entities/lab-result.entity';
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

  async deliver(msg: IncomingMessage, collector: Contact, waiting: readonly LabResult[]): Promise<void> {
    const db = msg.db;
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

    // Sent, and disclosed, when the gateway takes their SMS (`ResultsSmsText.settled`); till then on their way.
    const ids = waiting.map((r) => r.id);
    await db.query(
      `UPDATE lab_result SET notification_status = 'sending' WHERE id = ANY($1) AND notification_status <> 'sent'`,
      [ids],
    );

    // Everyone else told about these results stops waiting (all they waited for), and hears who
    // collected them; this phone stops waiting too. One statement: the others' rows and this phone's go.
    const others: Array<{ connection_id: number }> = await db.query(
      `WITH others AS (
         SELECT DISTINCT connection_id FROM pending_pin WHERE result_id = ANY($1::int[]) AND connection_id <> $2),
       gone AS (
         DELETE FROM pending_pin WHERE connection_id = $2 OR connection_id IN (SELECT connection_id FROM others))
       SELECT connection_id FROM others`,
      [ids, msg.connection.id],
    );
    const otherConnections = await this.contacts.connections(
      others.map((o) => o.connection_id),
      db,
    );
    for (const { connection, contact } of otherConnections) {
      if (contact?.active) msg.notify({ connection, contact }, texts.alreadyCollected, { name: collector.name });
    }

    msg.respond(texts.deleteReminder, { name: collector.name });
  }
}
