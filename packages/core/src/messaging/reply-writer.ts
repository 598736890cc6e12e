import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { runPrepared, statementClient } from '../database/prepared';
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

// $1 the message, $2..$7 its outcome, $8 the time: numbered for the statement of its own, shifted when it joins the replies'.
const INBOUND_SET = 'status = $2, cleaned_text = $3, contact_id = $4, handled_by = $5, handled_by_handler = $6, error = $7, updated_at = $8';

function inboundValues(o: InboundOutcome): unknown[] {
  return [o.id, o.status, o.cleanedText, o.contactId, o.handledBy, o.handler, o.error];
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

  constructor(
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
    options: { inResponseToId: string | null; priority: Priority; apps: readonly RegisteredApp[]; inbound?: InboundOutcome },
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
    const { inbound } = options;
    const client = await statementClient(db);
    if (rows.length === 0) {
      if (inbound) await runPrepared(client, `UPDATE message SET ${INBOUND_SET} WHERE id = $1`, [...inboundValues(inbound), now]);
      return [];
    }
    const column = <T>(pick: (row: Partial<MessageRecord>) => T): T[] => rows.map(pick);
    // One prepared statement (planned once per connection): the rows, a queue job for each to
    // send and, for a routed SMS, its final status. Ids grow in the order the rows are given.
    const { rows: ids } = await runPrepared<{ id: string }>(
      client,
      `WITH reply AS (
         INSERT INTO message (direction, connection_id, contact_id, text, status, error, in_response_to_id, handled_by,
                              encoding, segments, priority, backend, created_at, updated_at)
         SELECT 'out', r.connection_id, r.contact_id, r.text, r.status, r.error, $1, r.handled_by, r.encoding, r.segments, $2, r.backend, $3, $3
           FROM unnest($4::int[], $5::int[], $6::text[], $7::varchar[], $8::text[], $9::varchar[], $10::varchar[], $11::smallint[], $12::varchar[])
             AS r(connection_id, contact_id, text, status, error, handled_by, encoding, segments, backend)
         RETURNING id, status
       ), job AS (
         ${this.queue.jobsFor('reply', '$13::int')}
       )${inbound ? `, inbound AS (UPDATE message SET ${INBOUND_SET.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 13}`)} WHERE id = $14)` : ''}
       SELECT id::text AS id FROM reply ORDER BY id`,
      [
        options.inResponseToId,
        options.priority,
        now,
        column((r) => r.connectionId),
        column((r) => r.contactId),
        column((r) => r.text),
        column((r) => r.status),
        column((r) => r.error),
        column((r) => r.handledBy),
        column((r) => r.encoding),
        column((r) => r.segments),
        column((r) => r.backend),
        this.queue.priorityOf(options.priority),
        ...(inbound ? [...inboundValues(inbound), now] : []),
      ],
    );
    return rows.map((row, i) => db.create(MessageRecord, { ...row, id: ids[i].id }));
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
