import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { runPrepared, transactionClient } from '../database/prepared';
import { segmentInfo, splitSms } from '../i18n/sms-encoding';
import type { RegisteredApp } from './app-registry';
import type { QueuedText } from './incoming-message';
import { MessageRecord, type Priority } from './message.entity';
import { OutboundQueue } from './outbound-queue';
import type { OutgoingMessage } from './outgoing-message';
import { TextRenderer } from './text-renderer';

/**
 * Turns queued texts into outbound rows inside the caller's transaction: outgoing hooks
 * (apps in reverse order; one may cancel), the recipient's language, the country's SMS
 * length (a longer text becomes several SMS, split between words), encoding and segments;
 * each message to send gets its job on the outbound queue in the same transaction.
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
    options: { inResponseToId: string | null; priority: Priority; apps: readonly RegisteredApp[] },
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
    if (rows.length === 0) return [];
    const column = <T>(pick: (row: Partial<MessageRecord>) => T): T[] => rows.map(pick);
    // A prepared statement (planned once per connection): rows come back in the order given.
    const { rows: ids } = await runPrepared<{ id: string }>(
      await transactionClient(db),
      `INSERT INTO message (direction, connection_id, contact_id, text, status, error, in_response_to_id, handled_by,
                            encoding, segments, priority, backend, created_at, updated_at)
       SELECT 'out', r.connection_id, r.contact_id, r.text, r.status, r.error, $1, r.handled_by, r.encoding, r.segments, $2, r.backend, $3, $3
         FROM unnest($4::int[], $5::int[], $6::text[], $7::varchar[], $8::text[], $9::varchar[], $10::varchar[], $11::smallint[], $12::varchar[])
           AS r(connection_id, contact_id, text, status, error, handled_by, encoding, segments, backend)
       RETURNING id::text AS id`,
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
      ],
    );
    const written = rows.map((row, i) => db.create(MessageRecord, { ...row, id: ids[i].id }));
    const toSend = written.filter((message) => message.status === 'queued').map((message) => message.id);
    await this.queue.enqueue(db, toSend, options.priority);
    return written;
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
