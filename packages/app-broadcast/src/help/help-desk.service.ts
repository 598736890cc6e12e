import { Clock, type Contact, ContactsService, type Recipient } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BroadcastPlaces } from '../places';

export const HELP_STATUSES = ['pending', 'addressed', 'resolved'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];

/** Mwana kept 160 characters of a help request's text. */
export const HELP_TEXT_MAX = 160;

export interface HelpRequestRow {
  readonly id: number;
  readonly phone: string;
  readonly name: string | null;
  readonly text: string;
  readonly status: HelpStatus;
  readonly note: string | null;
  readonly handledBy: string | null;
  readonly handledAt: Date | null;
  readonly createdAt: Date;
}

export interface HelpAdminRow {
  readonly id: number;
  readonly name: string;
  readonly phone: string | null;
  readonly places: ReadonlyArray<{ readonly id: number; readonly name: string; readonly code: string }>;
}

/**
 * The help desk: requests stored and routed to the help admins who answer for the sender's
 * clinic, its district or province (admins with no places answer for all), and handled from
 * the console.
 */
@Injectable()
export class HelpDesk {
  constructor(
    private readonly contacts: ContactsService,
    private readonly places: BroadcastPlaces,
    private readonly clock: Clock,
  ) {}

  async store(
    request: { connectionId: number; contactId: number | null; text: string },
    db: EntityManager,
  ): Promise<number> {
    const [row]: Array<{ id: number }> = await db.query(
      `INSERT INTO help_request (connection_id, contact_id, text, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [request.connectionId, request.contactId, request.text.slice(0, HELP_TEXT_MAX), this.clock.now()],
    );
    return row.id;
  }

  /**
   * The active help admins who answer for a sender at `clinicId` (null: a sender with no
   * clinic, whom only the admins without places hear).
   */
  async adminsFor(clinicId: number | null, db: EntityManager): Promise<Recipient[]> {
    const admins = await this.contacts.helpAdmins(db);
    if (admins.length === 0) return [];
    const mappings = await this.mappings(
      admins.map((a) => a.contact.id),
      db,
    );
    const line = new Set(clinicId === null ? [] : await this.places.lineIds(clinicId, db));
    return admins.filter((admin) => {
      const places = mappings.get(admin.contact.id);
      return !places || places.some((id) => line.has(id));
    });
  }

  private async mappings(contactIds: readonly number[], db: EntityManager): Promise<Map<number, number[]>> {
    const rows: Array<{ contact_id: number; location_id: number }> = await db.query(
      'SELECT contact_id, location_id FROM help_admin_place WHERE contact_id = ANY($1)',
      [contactIds],
    );
    const map = new Map<number, number[]>();
    for (const r of rows) map.set(r.contact_id, [...(map.get(r.contact_id) ?? []), r.location_id]);
    return map;
  }

  /** Open requests (pending or addressed), newest first, and the latest resolved ones after them. */
  async requests(options: { includeResolved?: boolean; limit?: number }, db: EntityManager): Promise<HelpRequestRow[]> {
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT h.id, n.identity AS phone, c.name, h.text, h.status, h.note, h.handled_by, h.handled_at, h.created_at
         FROM help_request h JOIN connection n ON n.id = h.connection_id LEFT JOIN contact c ON c.id = h.contact_id
        WHERE $1 OR h.status <> 'resolved'
        ORDER BY h.status = 'resolved', h.id DESC LIMIT $2`,
      [options.includeResolved ?? false, options.limit ?? 200],
    );
    return rows.map((r) => ({
      id: r.id as number,
      phone: r.phone as string,
      name: (r.name as string | null) ?? null,
      text: r.text as string,
      status: r.status as HelpStatus,
      note: (r.note as string | null) ?? null,
      handledBy: (r.handled_by as string | null) ?? null,
      handledAt: (r.handled_at as Date | null) ?? null,
      createdAt: r.created_at as Date,
    }));
  }

  /** Marks a request addressed or resolved, with who did it and their note; false when there is no such request. */
  async mark(
    id: number,
    status: 'addressed' | 'resolved',
    by: string,
    note: string,
    db: EntityManager,
  ): Promise<boolean> {
    const [row]: Array<{ n: number }> = await db.query(
      `WITH marked AS (UPDATE help_request SET status = $2, note = $3, handled_by = $4, handled_at = $5 WHERE id = $1 RETURNING id)
       SELECT count(*)::int AS n FROM marked`,
      [id, status, note.trim() || null, by, this.clock.now()],
    );
    return row.n > 0;
  }

  /** Help admins with the places each answers for. */
  async admins(db: EntityManager): Promise<HelpAdminRow[]> {
    const admins = await this.contacts.find({ helpAdmin: true }, db);
    if (admins.length === 0) return [];
    const phones = await this.contacts.defaultConnections(
      admins.map((a) => a.id),
      db,
    );
    const rows: Array<{ contact_id: number; id: number; name: string; code: string }> = await db.query(
      `SELECT m.contact_id, l.id, l.name, l.code FROM help_admin_place m JOIN location l ON l.id = m.location_id
        WHERE m.contact_id = ANY($1) ORDER BY l.name`,
      [admins.map((a) => a.id)],
    );
    return admins.map((a: Contact) => ({
      id: a.id,
      name: a.name,
      phone: phones.get(a.id)?.identity ?? null,
      places: rows.filter((r) => r.contact_id === a.id).map((r) => ({ id: r.id, name: r.name, code: r.code })),
    }));
  }

  async addPlace(contactId: number, locationId: number, db: EntityManager): Promise<void> {
    await db.query('INSERT INTO help_admin_place (contact_id, location_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      contactId,
      locationId,
    ]);
  }

  async removePlace(contactId: number, locationId: number, db: EntityManager): Promise<void> {
    await db.query('DELETE FROM help_admin_place WHERE contact_id = $1 AND location_id = $2', [contactId, locationId]);
  }
}
