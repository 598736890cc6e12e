import { Clock, type IncomingMessage } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgentDirectory } from '../agents/agent-directory';
import { Places } from '../places/places';
import type { ConfiguredEvent } from './event-catalogue';
import type { EventPlace } from './patient-event.entity';

/** What an event registration did: the patient's name as stored, and whether the event is new. */
export interface Registered {
  readonly patient: string;
  readonly created: boolean;
}

/** Events as agents register them (docs/keywords.md#events). */
@Injectable()
export class PatientEvents {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly places: Places,
    private readonly clock: Clock,
  ) {}

  /**
   * The patient (found or made at the sender's place) and the event on the day, once: the
   * same patient, event and day again is answered as registered and stored once.
   */
  async register(
    msg: IncomingMessage,
    event: ConfiguredEvent,
    spec: { name: string; date: string; place: EventPlace | null },
  ): Promise<Registered> {
    const db = msg.db;
    const sender = msg.contact?.active ? msg.contact : null;
    const locationId = sender?.locationId ?? null;
    const patient =
      locationId !== null
        ? await this.directory.patient(spec.name, { locationId }, db)
        : await this.directory.patient(spec.name, { candidates: await this.patientsFrom(msg.connection.id, db) }, db);
    const clinic = locationId !== null ? await this.places.clinicOf(locationId, db) : null;
    const inserted: unknown[] = await db.query(
      `INSERT INTO patient_event (patient_id, event, date, place, connection_id, logged_by_id, location_id, clinic_id, logged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT patient_event_once DO NOTHING RETURNING id`,
      [
        patient.id,
        event.slug,
        spec.date,
        spec.place,
        msg.connection.id,
        sender?.id ?? null,
        locationId,
        clinic?.id ?? null,
        this.clock.now(),
      ],
    );
    return { patient: patient.name, created: inserted.length > 0 };
  }

  /** Patients without a place that this phone registered before: an unregistered sender's patients. */
  private async patientsFrom(connectionId: number, db: EntityManager): Promise<number[]> {
    const rows: Array<{ patient_id: number }> = await db.query(
      'SELECT DISTINCT patient_id FROM patient_event WHERE connection_id = $1 AND location_id IS NULL',
      [connectionId],
    );
    return rows.map((r) => r.patient_id);
  }
}
