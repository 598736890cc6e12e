import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { Batcher } from '../database/batcher';
import { type PgQueryable, poolOf, runPrepared, standalone, transactionClient } from '../database/prepared';
import { segmentInfo, splitSms } from '../i18n/sms-encoding';
import type { RegisteredApp } from './app-registry';
import type { QueuedText } from './incoming-message';
import { type InboundStatus, MessageRecord, type Priority } from './message.entity';
import { OutboundQueue } from './outbound-queue';
import type { OutgoingMessage } from './outgoing-message';
import { TextRenderer } from './text-renderer';

/** How a routed SMS ended, written with its replies. */
export interface InboundOutcome {
  readonly id: string;
  readonly status: InboundStatus;
  readonly cleanedText: string;
  readonly contactId: number | null;
  readonly handledBy: string | null;
  readonly handler: string | null;
  readonly error: string | null;
}

/** The rows one SMS (or job) writes, and a routed SMS's final status. */
interface PendingWrite {
  readonly rows: ReadonlyArray<Partial<MessageRecord>>;
  readonly inbound?: InboundOutcome;
  readonly at: Date;
}

/**
 * Turns queued texts into outbound rows inside the caller's transaction: outgoing hooks
 * (apps in reverse order; one may cancel), the recipient's language, the country's SMS
 * length (a longer text becomes several SMS, split between words), encoding and segments;
 * each message to send gets its job on the outbound queue in the same statement, and a
 * routed SMS its final status with them.
 */
@Injectable()
export class ReplyWriter {
  private readonly logger = new Logger('ReplyWriter');
  private readonly maxLength: number;
  private readonly batch = new Batcher<PendingWrite, string[]>((writes) =>
    this.insert(poolOf(this.dataSource), writes),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly renderer: TextRenderer,
    private readonly clock: Clock,
    private readonly queue: OutboundQueue,
    config: MwanaConfig,
  ) {
    this.maxLength = config.section(countryConfig).smsMaxLength;
  }

  async write(
    db: EntityManager,
    queued: readonly QueuedText[],
    options: {
      inResponseToId: string | null;
      priority: Priority;
      apps: readonly RegisteredApp[];
      inbound?: InboundOutcome;
    },
  ): Promise<MessageRecord[]> {
    const now = this.clock.now();
    const rows: Array<Partial<MessageRecord>> = [];
    for (const item of queued) {
      const out: OutgoingMessage = {
        connection: item.to.connection,
        contact: item.to.contact,
        text: item.text,
        params: item.params,
        inResponseToId: options.inResponseToId,
        app: item.app,
      };
      const cancelledBy = await this.runOutgoingHooks(out, options.apps);
      const text = this.renderer.render(item.text, item.params, item.to.contact?.language ?? null);
      for (const part of splitSms(text, this.maxLength)) {
        const { encoding, segments } = segmentInfo(part);
        rows.push({
          direction: 'out',
          connectionId: item.to.connection.id,
          contactId: item.to.contact?.id ?? null,
          text: part,
          status: cancelledBy ? 'cancelled' : 'queued',
          error: cancelledBy ? `cancelled by ${cancelledBy}` : null,
          inResponseToId: options.inResponseToId,
          handledBy: item.app,
          encoding,
          segments,
          priority: options.priority,
          backend: item.to.connection.backend,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    const write: PendingWrite = { rows, inbound: options.inbound, at: now };
    if (rows.length === 0 && !write.inbound) return [];
    // Routing that touched nothing else shares its statement with the SMS routed beside it;
    // inside a transaction, the statement is the transaction's.
    const ids = standalone(db)
      ? await this.batch.submit(write)
      : (await this.insert(await transactionClient(db), [write]))[0];
    return rows.map((row, i) => db.create(MessageRecord, { ...row, id: ids[i] }));
  }

  /**
   * One prepared statement (planned once per connection) for the writes of several SMS: their
   * rows, a queue job for each to send and, for a routed SMS, its final status. Ids grow in
   * the order the rows are given; each write gets its own rows' ids back.
   */
  private async insert(client: PgQueryable, writes: readonly PendingWrite[]): Promise<string[][]> {
    const rows = writes.flatMap((w) => w.rows.map((row) => ({ row, at: w.at })));
    const inbound = writes.flatMap((w) => (w.inbound ? [{ ...w.inbound, at: w.at }] : []));
    const column = <T>(pick: (r: Partial<MessageRecord>) => T): T[] => rows.map(({ row }) => pick(row));
    const { rows: ids } = await runPrepared<{ id: string }>(
      client,
      `WITH reply AS (
         INSERT INTO message (direction, connection_id, contact_id, text, status, error, in_response_to_id, handled_by,
                              encoding, segments, priority, backend, created_at, updated_at)
         SELECT 'out', r.connection_id, r.contact_id, r.text, r.status, r.error, r.in_response_to_id, r.handled_by,
                r.encoding, r.segments, r.priority, r.backend, r.at, r.at
           FROM unnest($1::int[], $2::int[], $3::text[], $4::varchar[], $5::text[], $6::bigint[], $7::varchar[], $8::varchar[],
                       $9::smallint[], $10::varchar[], $11::varchar[], $12::timestamptz[]) WITH ORDINALITY
             AS r(connection_id, contact_id, text, status, error, in_response_to_id, handled_by, encoding, segments, priority, backend, at, n)
          ORDER BY r.n
         RETURNING id, status, priority
       ), job AS (
         ${this.queue.jobsFor('reply', this.queue.prioritySql('r.priority'))}
       ), inbound AS (
         UPDATE message m SET status = u.status, cleaned_text = u.cleaned_text, contact_id = u.contact_id, handled_by = u.handled_by,
                handled_by_handler = u.handler, error = u.error, updated_at = u.at
           FROM unnest($13::bigint[], $14::varchar[], $15::text[], $16::int[], $17::varchar[], $18::varchar[], $19::text[], $20::timestamptz[])
             AS u(id, status, cleaned_text, contact_id, handled_by, handler, error, at)
          WHERE m.id = u.id
       )
       SELECT id::text AS id FROM reply ORDER BY id`,
      [
        column((r) => r.connectionId),
        column((r) => r.contactId),
        column((r) => r.text),
        column((r) => r.status),
        column((r) => r.error),
        column((r) => r.inResponseToId),
        column((r) => r.handledBy),
        column((r) => r.encoding),
        column((r) => r.segments),
        column((r) => r.priority),
        column((r) => r.backend),
        rows.map((r) => r.at),
        inbound.map((o) => o.id),
        inbound.map((o) => o.status),
        inbound.map((o) => o.cleanedText),
        inbound.map((o) => o.contactId),
        inbound.map((o) => o.handledBy),
        inbound.map((o) => o.handler),
        inbound.map((o) => o.error),
        inbound.map((o) => o.at),
      ],
    );
    let next = 0;
    return writes.map((w) => w.rows.map(() => ids[next++].id));
  }

  /** The name of the app that cancelled the message, if one did. */
  private async runOutgoingHooks(out: OutgoingMessage, apps: readonly RegisteredApp[]): Promise<string | null> {
    for (const app of [...apps].reverse()) {
      if (!app.hooks.outgoing) continue;
      try {
        if ((await app.hooks.outgoing(out)) === 'cancel') return app.name;
      } catch (error) {
        this.logger.error(`outgoing hook of ${app.name} failed: ${(error as Error).message}`, (error as Error).stack);
      }
    }
    return null;
  }
}
