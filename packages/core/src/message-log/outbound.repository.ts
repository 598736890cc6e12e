import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf, type PgQueryable, runPrepared } from '../database/prepared';
import { storableOnly } from '../text/storable-text';
import type { InboundStatus, OutboundStatus, Priority } from './message.entity';

/** One outbound row to write: a reply or a bulk message, already rendered and split. */
export interface OutboundRow {
  readonly connectionId: number;
  readonly contactId: number | null;
  readonly text: string;
  readonly status: OutboundStatus;
  readonly error: string | null;
  readonly inResponseToId: string | null;
  /** The app that queued it. */
  readonly app: string | null;
  readonly encoding: 'GSM-7' | 'UCS-2';
  readonly segments: number;
  readonly priority: Priority;
  readonly gateway: string;
  /** For the app's send-time text (`SendTimeText`): what kind of message this is; null for a plain one. */
  readonly kind: string | null;
  /** Of a text split into several SMS: this SMS's number, from 1; null for a text of one SMS. */
  readonly part?: number | null;
  /** What the send-time text makes the text from (`OutboundText.ref`); null for none. */
  readonly ref: string | null;
}

/** How a routed SMS ended, written in the statement that writes its replies. */
export interface InboundOutcome {
  readonly id: string;
  readonly status: InboundStatus;
  /** The text as received with its secrets masked; null to leave it (and its seal) as stored. */
  readonly text: string | null;
  /** With `text`: the original as received (`MessageRecord.original`), its secrets masked; the seal is dropped. */
  readonly original?: string | null;
  /** With `text`: something was masked, so the exact text stays sealed (nothing a user sent is lost). */
  readonly keepSealed?: boolean;
  readonly cleanedText: string;
  readonly contactId: number | null;
  readonly handledBy: string | null;
  readonly handler: string | null;
  readonly error: string | null;
}

/** The rows one SMS (or job) writes, and a routed SMS's final status. */
export interface OutboundWrite {
  readonly rows: readonly OutboundRow[];
  readonly inbound?: InboundOutcome;
  readonly at: Date;
}

/**
 * The SQL of outbound rows of the `message` table (inbound rows: `InboundRepository`; the
 * sender's claim, hand-back and record of outcomes: `OutboundSendRepository`): the
 * one-statement write of replies with their queue jobs and the routed SMS's status, the
 * details the apps are told, and delivery reports. Every status change takes the statuses
 * it may leave from the outbox's transition table (`OUTBOX`), as parameters; the trigger of
 * migration `Outbox` keeps each change in `message_event`.
 */
@Injectable()
export class OutboundRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One prepared statement (planned once per connection) for the writes of several SMS: their
   * rows, a queue job for each to send (`jobs`: the queue's INSERT over the CTE `reply` of the
   * written `id, status, priority`) and, for a routed SMS, its final status. Ids grow in the
   * order the rows are given; each write gets its own rows' ids back.
   */
  async insert(client: PgQueryable, writes: readonly OutboundWrite[], jobs: string): Promise<string[][]> {
    const rows = writes.flatMap((w) => w.rows.map((row) => ({ row, at: w.at })));
    const inbound = writes.flatMap((w) => (w.inbound ? [{ ...w.inbound, at: w.at }] : []));
    const column = <T>(pick: (r: OutboundRow) => T): T[] => rows.map(({ row }) => pick(row));
    // A later part of a split text names its first part (`part_of_id`): the ids are drawn
    // first (in the given order), so one statement writes the parts and their relation.
    let first = 0;
    const partOf = rows.map(({ row }, i) => {
      if (!row.part || row.part === 1) first = i + 1;
      return row.part && row.part > 1 ? first : null;
    });
    const { rows: ids } = await runPrepared<{ id: string }>(
      client,
      `WITH input AS (
         SELECT r.*, nextval(pg_get_serial_sequence('message', 'id')) AS id
           FROM (SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::varchar[], $5::text[], $6::bigint[], $7::varchar[],
                                      $8::varchar[], $9::smallint[], $10::varchar[], $11::varchar[], $12::varchar[],
                                      $13::timestamptz[], $22::smallint[], $23::int[], $25::text[]) WITH ORDINALITY
                   AS u(connection_id, contact_id, text, status, error, in_response_to_id, handled_by, encoding, segments,
                        priority, gateway, kind, at, part, part_of_n, ref, n)
                  ORDER BY u.n) r
       ), reply AS (
         INSERT INTO message (id, direction, connection_id, contact_id, text, status, error, in_response_to_id, handled_by,
                              encoding, segments, priority, backend, kind, part, part_of_id, ref, created_at, updated_at)
         OVERRIDING SYSTEM VALUE
         SELECT r.id, 'out', r.connection_id, r.contact_id, r.text, r.status, r.error, r.in_response_to_id, r.handled_by,
                r.encoding, r.segments, r.priority, r.gateway, r.kind, r.part, f.id, r.ref, r.at, r.at
           FROM input r LEFT JOIN input f ON f.n = r.part_of_n
          ORDER BY r.n
         RETURNING id, status, priority
       ), job AS (
         ${jobs}
       ), inbound AS (
         UPDATE message m SET status = u.status, text = coalesce(u.text, m.text), cleaned_text = u.cleaned_text, contact_id = u.contact_id, handled_by = u.handled_by,
                handled_by_handler = u.handler, error = u.error, updated_at = u.at,
                original = CASE WHEN u.text IS NULL THEN m.original ELSE u.original END,
                sealed = CASE WHEN u.text IS NULL OR u.keep_sealed THEN m.sealed END
           FROM unnest($14::bigint[], $15::varchar[], $16::text[], $17::int[], $18::varchar[], $19::varchar[], $20::text[], $21::timestamptz[], $24::text[], $26::text[], $27::boolean[])
             AS u(id, status, cleaned_text, contact_id, handled_by, handler, error, at, text, original, keep_sealed)
          WHERE m.id = u.id
       )
       SELECT id::text AS id FROM reply ORDER BY id`,
      [
        column((r) => r.connectionId),
        column((r) => r.contactId),
        column((r) => storableOnly(r.text)),
        column((r) => r.status),
        column((r) => (r.error === null ? null : storableOnly(r.error))),
        column((r) => r.inResponseToId),
        column((r) => r.app),
        column((r) => r.encoding),
        column((r) => r.segments),
        column((r) => r.priority),
        column((r) => r.gateway),
        column((r) => r.kind),
        rows.map((r) => r.at),
        inbound.map((o) => o.id),
        inbound.map((o) => o.status),
        inbound.map((o) => storableOnly(o.cleanedText)),
        inbound.map((o) => o.contactId),
        inbound.map((o) => o.handledBy),
        inbound.map((o) => o.handler),
        inbound.map((o) => (o.error === null ? null : storableOnly(o.error))),
        inbound.map((o) => o.at),
        column((r) => r.part ?? null),
        partOf,
        inbound.map((o) => (o.text === null ? null : storableOnly(o.text))),
        column((r) => r.ref),
        inbound.map((o) => o.original ?? null),
        inbound.map((o) => o.keepSealed ?? false),
      ],
    );
    let next = 0;
    return writes.map((w) => w.rows.map(() => ids[next++].id));
  }

  /** Outbound messages' kind, ref and recipient, for the apps told how they ended. */
  async details(ids: readonly string[]): Promise<
    Array<{
      id: string;
      kind: string | null;
      ref: string | null;
      contactId: number | null;
      connectionId: number;
      gateway: string;
    }>
  > {
    if (ids.length === 0) return [];
    const { rows } = await runPrepared<{
      id: string;
      kind: string | null;
      ref: string | null;
      contactId: number | null;
      connectionId: number;
      gateway: string;
    }>(
      poolOf(this.dataSource),
      `SELECT id::text AS id, kind, ref, contact_id AS "contactId", connection_id AS "connectionId", backend AS gateway
         FROM message WHERE id = ANY($1::bigint[]) AND direction = 'out'`,
      [ids],
    );
    return rows;
  }

  /**
   * A delivery report: moves this gateway's message (by Mwana's id or the gateway's) to `to`
   * if it is in a `from` status. The row is locked while it is read, so two reports at once
   * are taken one after the other. Answers the status it left, `unmoved` when it was in no
   * `from` status, or null when there is no such message.
   */
  async report(
    gateway: string,
    ref: { readonly messageId?: string; readonly providerId?: string },
    step: { readonly from: readonly OutboundStatus[]; readonly to: OutboundStatus },
    reason: string | null,
    at: Date,
  ): Promise<{ id: string; previous: OutboundStatus | 'unmoved' } | null> {
    const by = ref.messageId ? 'id = $2::bigint' : 'provider_id = $2';
    const key = ref.messageId ?? ref.providerId;
    if (key === undefined) return null;
    const { rows } = await runPrepared<{ id: string; previous: OutboundStatus; moved: boolean }>(
      poolOf(this.dataSource),
      `WITH target AS (
         SELECT id, status FROM message WHERE direction = 'out' AND backend = $1 AND ${by} LIMIT 1 FOR UPDATE
       ), moved AS (
         UPDATE message m SET status = $3::varchar, updated_at = $5::timestamptz,
                sent_at = CASE WHEN $3::varchar = 'sent' THEN coalesce(m.sent_at, $5::timestamptz) ELSE m.sent_at END,
                delivered_at = CASE WHEN $3::varchar = 'delivered' THEN $5::timestamptz ELSE m.delivered_at END,
                failed_at = CASE WHEN $3::varchar = 'failed' THEN $5::timestamptz ELSE m.failed_at END,
                error = CASE WHEN $3::varchar = 'delivered' THEN NULL WHEN $3::varchar = 'failed' THEN $6::text ELSE m.error END,
                lease_until = CASE WHEN $3::varchar IN ('delivered', 'failed') THEN NULL ELSE m.lease_until END
           FROM target t WHERE m.id = t.id AND t.status = ANY($4::varchar[])
         RETURNING m.id)
       SELECT t.id::text AS id, t.status AS previous, EXISTS (SELECT 1 FROM moved) AS moved FROM target t`,
      [gateway, key, step.to, step.from, at, reason],
    );
    const row = rows[0];
    if (!row) return null;
    return { id: row.id, previous: row.moved ? row.previous : 'unmoved' };
  }
}
