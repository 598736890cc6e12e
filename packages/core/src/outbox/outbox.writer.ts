import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { Batcher } from '../database/batcher';
import { poolOf, standalone, transactionClient } from '../database/prepared';
import { segmentInfo, splitSms } from '../i18n/sms-encoding';
import { TextRenderer } from '../i18n/text-renderer';
import { MessageRecord, type Priority } from '../message-log/message.entity';
import {
  type InboundOutcome,
  type OutboundRow,
  OutboundRepository,
  type OutboundWrite,
} from '../message-log/outbound.repository';
import { OutboundQueue } from './outbound-queue';
import type { OutboundText } from './outbound-text';
import { OutgoingHooks } from './outgoing-hooks';
import { OUTBOX } from './outbox-transitions';
import { containsSecret, maskSecrets } from '../message-log/masking';
import { SEALED_KIND, SealedTexts } from './sealed-text';

export interface WriteOptions {
  /** The inbound message these answer; null for bulk messages. */
  readonly inResponseToId?: string | null;
  /** Replies go out ahead of bulk. */
  readonly priority: Priority;
  /** A routed SMS's final status, written in the same statement as its replies. */
  readonly inbound?: InboundOutcome;
}

/**
 * Writes outbound messages, replies and bulk alike, inside the caller's transaction: the
 * outgoing hooks (one may cancel), the recipient's language, the country's SMS length (a
 * longer text becomes several SMS, split between words), encoding and segments; each
 * message to send gets its job on the outbound queue in the same statement. Routing that
 * touched nothing else shares its statement with the SMS routed beside it (group commit).
 *
 * @example
 * // a scheduled job's notices, committed with the job's own changes
 * await writer.write(db, contacts.map((c) => ({ to: c, text: texts.reminder, params: {}, app: 'reminders' })), { priority: 'bulk' });
 */
@Injectable()
export class OutboxWriter {
  private readonly maxLength: number;
  /** The queue's job insert over the CTE `reply` the repository's statement writes. */
  private readonly jobs: string;
  private readonly batch = new Batcher<OutboundWrite, string[]>((writes) =>
    this.repository.insert(poolOf(this.dataSource), writes, this.jobs),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OutboundRepository,
    private readonly renderer: TextRenderer,
    private readonly clock: Clock,
    queue: OutboundQueue,
    private readonly hooks: OutgoingHooks,
    private readonly sealed: SealedTexts,
    config: MwanaConfig,
  ) {
    this.maxLength = config.section(countryConfig).smsMaxLength;
    this.jobs = queue.jobsFor('reply');
  }

  async write(db: EntityManager, texts: readonly OutboundText[], options: WriteOptions): Promise<MessageRecord[]> {
    const now = this.clock.now();
    const inResponseToId = options.inResponseToId ?? null;
    const rows: OutboundRow[] = [];
    for (const item of texts) {
      const cancelledBy = await this.hooks.run({
        ...item.to,
        text: item.text,
        params: item.params,
        inResponseToId,
        app: item.app,
      });
      const text = this.renderer.render(item.text, item.params, item.to.contact?.language ?? null);
      const parts = splitSms(text, this.maxLength);
      for (const [index, part] of parts.entries()) {
        const { encoding, segments } = segmentInfo(part);
        // A part with a secret is kept masked; the clear text leaves sealed (`SealedTexts`).
        const secret = !item.kind && item.secrets !== undefined && containsSecret(part, item.secrets);
        rows.push({
          connectionId: item.to.connection.id,
          contactId: item.to.contact?.id ?? null,
          text: secret ? maskSecrets(part, item.secrets!) : part,
          status: cancelledBy ? OUTBOX.cancel.to : OUTBOX.queue.to,
          error: cancelledBy ? `cancelled by ${cancelledBy}` : null,
          inResponseToId,
          app: item.app,
          encoding,
          segments,
          priority: options.priority,
          gateway: item.to.connection.backend,
          kind: secret ? SEALED_KIND : (item.kind ?? null),
          ref: secret ? this.sealed.seal(part) : (item.ref ?? null),
          part: parts.length > 1 ? index + 1 : null,
        });
      }
    }
    const write: OutboundWrite = { rows, inbound: options.inbound, at: now };
    if (rows.length === 0 && !write.inbound) return [];
    // Inside a transaction, the statement is the transaction's.
    const ids = standalone(db)
      ? await this.batch.submit(write)
      : (await this.repository.insert(await transactionClient(db), [write], this.jobs))[0];
    let firstId: string | null = null;
    return rows.map((row, i) => {
      if (!row.part || row.part === 1) firstId = ids[i];
      return db.create(MessageRecord, {
        id: ids[i],
        direction: 'out',
        connectionId: row.connectionId,
        contactId: row.contactId,
        text: row.text,
        status: row.status,
        error: row.error,
        inResponseToId: row.inResponseToId,
        handledBy: row.app,
        encoding: row.encoding,
        segments: row.segments,
        priority: row.priority,
        gateway: row.gateway,
        kind: row.kind,
        ref: row.ref,
        part: row.part ?? null,
        partOfId: row.part && row.part > 1 ? firstId : null,
        createdAt: now,
        updatedAt: now,
      });
    });
  }
}
