import {
  Clock,
  ContactsService,
  OutboxWriter,
  type OutboundText,
  type SendTimeMessage,
  SendTimeText,
  type SendTimeTextRenderer,
  type SettledMessage,
} from '@mwana/core';
import { DataSource, type EntityManager, In } from 'typeorm';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { LabResult } from '../entities/lab-result.entity';
import { labresultsTexts as texts } from '../labresults.texts';
import { DisclosureService } from './disclosure.service';
import { ResultsService } from './results.service';

/** The kind of a results SMS: stored masked, its values read from the result rows as it leaves. */
export const RESULTS_SMS = 'labresults.results';

/** A results SMS's `ref`: each line's result id and whether it carries its dates, in order. */
export type ResultsSmsRef = ReadonlyArray<readonly [id: number, withDates: 0 | 1]>;

export function resultsSmsRef(lines: ReadonlyArray<{ result: LabResult; withDates: boolean }>): string {
  return JSON.stringify(lines.map((l) => [l.result.id, l.withDates ? 1 : 0]));
}

export function parseResultsSmsRef(ref: string | null): ResultsSmsRef {
  const parsed: unknown = JSON.parse(ref ?? 'null');
  if (!Array.isArray(parsed)) throw new Error('a results SMS without its results');
  return parsed as ResultsSmsRef;
}

/**
 * The text a results SMS leaves with (docs/keywords.md#pin-reply): the message log keeps
 * `**** P-0001;•••`; each line's value is put back from its `lab_result` row at send time, so
 * no result value is kept outside the result tables. Its results count as sent, and are
 * disclosed, when the gateway takes it (or a report says it was); a results SMS that fails
 * for good puts them back as waiting and tells the worker and the help admins.
 */
@SendTimeText(RESULTS_SMS)
export class ResultsSmsText implements SendTimeTextRenderer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly results: ResultsService,
    private readonly disclosures: DisclosureService,
    private readonly contacts: ContactsService,
    private readonly directory: ClinicDirectory,
    private readonly writer: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async settled(messages: readonly SettledMessage[], db: EntityManager): Promise<void> {
    const now = this.clock.now();
    const notices: OutboundText[] = [];
    for (const message of messages) {
      const ids = parseResultsSmsRef(message.ref).map(([id]) => id);
      if (message.status === 'failed') {
        notices.push(...(await this.putBack(message, ids, db)));
        continue;
      }
      // Sent, and (to a contact) disclosed: one statement.
      await this.disclosures.recordSent(ids, { ...message, messageId: message.id }, now, db);
    }
    if (notices.length > 0) await this.writer.write(db, notices, { priority: 'reply' });
  }

  /**
   * The SMS failed for good: its results wait again (`new`, so CHECK and the morning notice
   * find them), unless another SMS carried them since; the worker and the help admins hear.
   */
  private async putBack(message: SettledMessage, ids: readonly number[], db: EntityManager): Promise<OutboundText[]> {
    // An UPDATE answers [rows, count].
    const [back]: [Array<{ id: number; clinic_id: number | null }>, number] = await db.query(
      `UPDATE lab_result r SET notification_status = 'new'
        WHERE r.id = ANY($1) AND (r.notification_status = 'sending' OR (r.notification_status = 'sent' AND NOT EXISTS (
                SELECT 1 FROM result_disclosure d WHERE d.result_id = r.id AND d.message_id IS DISTINCT FROM $2::bigint)))
       RETURNING r.id, r.clinic_id`,
      [ids, message.id],
    );
    if (back.length === 0 || message.contactId === null) return [];
    const [to] = await this.contacts.connections([message.connectionId], db);
    const worker = to?.contact;
    if (!worker) return [];
    const clinic = back[0].clinic_id === null ? null : await this.directory.get(back[0].clinic_id, db);
    const app = 'labresults';
    const notices: OutboundText[] = [{ to, text: texts.resultsSmsFailed, params: { name: worker.name }, app }];
    for (const admin of await this.contacts.helpAdmins(db)) {
      notices.push({
        to: admin,
        text: texts.resultsSmsFailedAlert,
        params: { name: worker.name, phone: to.connection.identity, clinic: clinic?.name ?? '-', count: back.length },
        app,
      });
    }
    return notices;
  }

  async render(message: SendTimeMessage): Promise<string> {
    const ref = parseResultsSmsRef(message.ref);
    const rows = await this.dataSource.manager.findBy(LabResult, { id: In(ref.map(([id]) => id)) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    let text = message.storedText;
    let from = 0;
    for (const [id, withDates] of ref) {
      const result = byId.get(id);
      if (!result) throw new Error(`result #${id} of message #${message.id} is gone`);
      const masked = this.results.item(result, withDates === 1, true);
      const at = text.indexOf(masked, from);
      if (at < 0) throw new Error(`message #${message.id} does not carry the line of result #${id}`);
      const clear = this.results.item(result, withDates === 1);
      text = text.slice(0, at) + clear + text.slice(at + masked.length);
      from = at + clear.length;
    }
    return text;
  }
}
