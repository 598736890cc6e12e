import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContactsService } from '../contacts/contacts.service';
import type { Direction, MessageStatus } from '../message-log/message.entity';

export interface MessageFilters {
  /** A whole number in any writing (`0977123456`) or some of its digits (`977123`). */
  readonly phone?: string;
  readonly direction?: Direction;
  readonly status?: MessageStatus;
  /** The app that handled (in) or sent (out) it. */
  readonly app?: string;
  /** Words in the text, any case. */
  readonly text?: string;
  readonly connectionId?: number;
  readonly since?: Date;
  readonly until?: Date;
}

export interface MessagePage {
  /** Newest first (or oldest first with `order: 'asc'`). */
  readonly messages: MessageRow[];
  /** Pass as `cursor` for the next page; null on the last. */
  readonly next: string | null;
}

export interface MessageRow {
  readonly id: string;
  readonly direction: Direction;
  readonly status: MessageStatus;
  readonly text: string;
  readonly connectionId: number;
  readonly phone: string;
  readonly backend: string;
  readonly contactId: number | null;
  readonly contactName: string | null;
  readonly app: string | null;
  readonly handler: string | null;
  readonly inResponseToId: string | null;
  readonly error: string | null;
  readonly encoding: string | null;
  readonly segments: number | null;
  /** The SMS the text was split into: 1, or its parts' count (their texts joined by a space in `text`). */
  readonly parts: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * The message log's query, for the console and `/api/messages`: filters, and keyset paging
 * on the id (stable while messages keep arriving, and cheap on a big table, unlike OFFSET).
 */
@Injectable()
export class MessageSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
  ) {}

  async search(
    filters: MessageFilters,
    page: { cursor?: string; limit: number; order?: 'asc' | 'desc' },
  ): Promise<MessagePage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filters.phone?.trim()) {
      const digits = filters.phone.replace(/\D/g, '');
      const exact = param(this.contacts.normalize(filters.phone));
      where.push(
        digits ? `(c.identity = ${exact} OR c.identity LIKE ${param(`%${digits}%`)})` : `c.identity = ${exact}`,
      );
    }
    if (filters.direction) where.push(`m.direction = ${param(filters.direction)}`);
    if (filters.status) where.push(`m.status = ${param(filters.status)}`);
    if (filters.app?.trim()) where.push(`m.handled_by = ${param(filters.app.trim())}`);
    if (filters.text?.trim())
      where.push(`m.text ILIKE ${param(`%${filters.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    if (filters.connectionId !== undefined) where.push(`m.connection_id = ${param(filters.connectionId)}`);
    if (filters.since) where.push(`m.created_at >= ${param(filters.since)}`);
    if (filters.until) where.push(`m.created_at < ${param(filters.until)}`);
    const order = page.order ?? 'desc';
    if (page.cursor && /^\d+$/.test(page.cursor))
      where.push(`m.id ${order === 'desc' ? '<' : '>'} ${param(page.cursor)}`);
    // A text split into several SMS is one message: its first part, with the later parts' texts.
    where.push('m.part_of_id IS NULL');
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT m.id::text AS id, m.direction, m.status, concat_ws(' ', m.text, p.rest) AS text, m.connection_id, c.identity,
              c.backend, m.contact_id, k.name AS contact_name, m.handled_by, m.handled_by_handler,
              m.in_response_to_id::text AS in_response_to_id, m.error, m.encoding, m.segments + coalesce(p.segments, 0) AS segments,
              1 + coalesce(p.n, 0) AS parts, m.created_at, m.updated_at
         FROM message m JOIN connection c ON c.id = m.connection_id LEFT JOIN contact k ON k.id = m.contact_id
         LEFT JOIN LATERAL (
           SELECT count(*)::int AS n, string_agg(x.text, ' ' ORDER BY x.part) AS rest, sum(x.segments)::int AS segments
             FROM message x WHERE x.part_of_id = m.id
         ) p ON m.part IS NOT NULL
        WHERE ${where.join(' AND ')}
        ORDER BY m.id ${order === 'desc' ? 'DESC' : 'ASC'} LIMIT ${param(page.limit + 1)}`,
      params,
    );
    const messages = rows.slice(0, page.limit).map(toRow);
    return { messages, next: rows.length > page.limit ? messages[messages.length - 1].id : null };
  }
}

function toRow(row: Record<string, unknown>): MessageRow {
  return {
    id: row.id as string,
    direction: row.direction as Direction,
    status: row.status as MessageStatus,
    text: row.text as string,
    connectionId: row.connection_id as number,
    phone: row.identity as string,
    backend: row.backend as string,
    contactId: (row.contact_id as number | null) ?? null,
    contactName: (row.contact_name as string | null) ?? null,
    app: (row.handled_by as string | null) ?? null,
    handler: (row.handled_by_handler as string | null) ?? null,
    inResponseToId: (row.in_response_to_id as string | null) ?? null,
    error: (row.error as string | null) ?? null,
    encoding: (row.encoding as string | null) ?? null,
    segments: (row.segments as number | null) ?? null,
    parts: Number(row.parts),
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}
