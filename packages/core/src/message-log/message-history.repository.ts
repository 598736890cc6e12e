import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf, runPrepared } from '../database/prepared';
import type { Direction, MessageStatus } from './message.entity';

/** One SMS of a message: the message itself, or one part of a text split into several. */
export interface MessagePart {
  readonly id: string;
  /** From 1; null for a message of one SMS. */
  readonly part: number | null;
  readonly text: string;
  readonly status: MessageStatus;
  readonly error: string | null;
  readonly encoding: string | null;
  readonly segments: number | null;
  readonly sentAt: Date | null;
  readonly deliveredAt: Date | null;
  readonly failedAt: Date | null;
}

export interface StatusEvent {
  readonly messageId: string;
  readonly status: MessageStatus;
  readonly at: Date;
  /** A failure's or retry's reason. */
  readonly detail: string | null;
}

/** A message with its parts (first part first) and every status change of each, oldest first (steps of one instant in their order). */
export interface MessageHistory {
  readonly id: string;
  readonly direction: Direction;
  readonly connectionId: number;
  readonly phone: string;
  readonly backend: string;
  readonly contactId: number | null;
  readonly contactName: string | null;
  readonly app: string | null;
  readonly inResponseToId: string | null;
  readonly createdAt: Date;
  readonly parts: readonly MessagePart[];
  readonly events: readonly StatusEvent[];
}

/**
 * One message as the API shows it (`GET /api/messages/{id}`): its row, its later parts
 * (rows naming it in `part_of_id`) and their `message_event` history. Asked for a later
 * part, it answers the message the part belongs to.
 */
@Injectable()
export class MessageHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(id: string): Promise<MessageHistory | null> {
    const pool = poolOf(this.dataSource);
    const { rows } = await runPrepared<Record<string, unknown>>(
      pool,
      `WITH head AS (SELECT coalesce(part_of_id, id) AS id FROM message WHERE id = $1::bigint)
       SELECT m.id::text AS id, m.direction, m.connection_id, c.identity, c.backend, m.contact_id, k.name AS contact_name,
              m.handled_by, m.in_response_to_id::text AS in_response_to_id, m.created_at, m.part, m.text, m.status, m.error,
              m.encoding, m.segments, m.sent_at, m.delivered_at, m.failed_at, m.updated_at
         FROM head h JOIN message m ON m.id = h.id OR m.part_of_id = h.id
         JOIN connection c ON c.id = m.connection_id LEFT JOIN contact k ON k.id = m.contact_id
        ORDER BY m.id`,
      [id],
    );
    if (rows.length === 0) return null;
    const { rows: events } = await runPrepared<Record<string, unknown>>(
      pool,
      `SELECT message_id::text AS message_id, status, at, detail FROM message_event
        WHERE message_id = ANY($1::bigint[]) ORDER BY at, id`,
      [rows.map((r) => r.id)],
    );
    const head = rows[0];
    return {
      id: head.id as string,
      direction: head.direction as Direction,
      connectionId: head.connection_id as number,
      phone: head.identity as string,
      backend: head.backend as string,
      contactId: (head.contact_id as number | null) ?? null,
      contactName: (head.contact_name as string | null) ?? null,
      app: (head.handled_by as string | null) ?? null,
      inResponseToId: (head.in_response_to_id as string | null) ?? null,
      createdAt: head.created_at as Date,
      parts: rows.map((r) => ({
        id: r.id as string,
        part: (r.part as number | null) ?? null,
        text: r.text as string,
        status: r.status as MessageStatus,
        error: (r.error as string | null) ?? null,
        encoding: (r.encoding as string | null) ?? null,
        segments: (r.segments as number | null) ?? null,
        sentAt: (r.sent_at as Date | null) ?? null,
        deliveredAt: (r.delivered_at as Date | null) ?? null,
        failedAt: (r.failed_at as Date | null) ?? null,
      })),
      events: withRoutineSteps(
        rows,
        events.map((e) => ({
          messageId: e.message_id as string,
          status: e.status as MessageStatus,
          at: e.at as Date,
          detail: (e.detail as string | null) ?? null,
        })),
      ),
    };
  }
}

/** The order of a message's steps, for steps recorded at the same instant. */
const STEP: Readonly<Record<string, number>> = {
  received: 0,
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  handled: 3,
};

/**
 * The history: `message_event` keeps a status off the happy path and every step of a message
 * tried more than once; the routine steps of the others are on the row (created_at, sent_at,
 * delivered_at, updated_at), and are read back from it here, so each part's history is whole.
 */
function withRoutineSteps(rows: ReadonlyArray<Record<string, unknown>>, events: StatusEvent[]): StatusEvent[] {
  const recorded = new Set(events.map((e) => `${e.messageId}|${e.status}`));
  const steps: StatusEvent[] = [...events];
  const step = (messageId: string, status: MessageStatus, at: unknown): void => {
    if (at instanceof Date && !recorded.has(`${messageId}|${status}`))
      steps.push({ messageId, status, at, detail: null });
  };
  for (const r of rows) {
    const id = r.id as string;
    if (r.direction === 'in') {
      step(id, 'received', r.created_at);
      if (r.status === 'handled' || r.status === 'unhandled') step(id, r.status, r.updated_at);
    } else {
      step(id, 'queued', r.created_at);
      step(id, 'sent', r.sent_at);
      step(id, 'delivered', r.delivered_at);
    }
  }
  return steps.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      (STEP[a.status] ?? 2) - (STEP[b.status] ?? 2) ||
      Number(a.messageId) - Number(b.messageId),
  );
}
