import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RemindMi: events registered by SMS (a birth of a patient on a day), the appointment
 * reminders sent for them (one row per event and appointment: the job's once-only key), and
 * patient traces (TRACE, TOLD, CONFIRM). Events and appointments themselves are
 * configuration, named here by their slug and name, so changing them needs no migration.
 */
export class RemindMi1796311445941 implements MigrationInterface {
  name = 'RemindMi1796311445941';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE patient_event (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        patient_id integer NOT NULL REFERENCES contact(id),
        event varchar(40) NOT NULL,
        date date NOT NULL,
        place varchar(10) CHECK (place IN ('facility', 'home')),
        connection_id integer REFERENCES connection(id) ON DELETE SET NULL,
        logged_by_id integer REFERENCES contact(id),
        location_id integer REFERENCES location(id),
        clinic_id integer REFERENCES location(id),
        status varchar(10) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'sent')),
        reported_at timestamptz,
        logged_at timestamptz NOT NULL,
        CONSTRAINT patient_event_once UNIQUE (patient_id, event, date)
      )`);
    // The reminders job reads one event's days at a time: its cost follows the day's events, not the table.
    await db.query('CREATE INDEX patient_event_due_idx ON patient_event (event, date)');
    await db.query(`CREATE INDEX patient_event_new_idx ON patient_event (clinic_id) WHERE status = 'new'`);
    await db.query('CREATE INDEX patient_event_logged_idx ON patient_event (logged_at)');
    await db.query('CREATE INDEX patient_event_connection_idx ON patient_event (connection_id)');

    await db.query(`CREATE TABLE patient_trace (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name varchar(50) NOT NULL,
        kind varchar(60) NOT NULL,
        initiator varchar(16) NOT NULL CHECK (initiator IN ('admin', 'clinic_worker', 'automated_task', 'cba')),
        initiator_contact_id integer REFERENCES contact(id),
        clinic_id integer REFERENCES location(id),
        patient_event_id integer REFERENCES patient_event(id),
        messenger_id integer REFERENCES contact(id),
        confirmed_by_id integer REFERENCES contact(id),
        status varchar(16) NOT NULL
          CHECK (status IN ('new', 'told', 'awaiting_confirm', 'confirmed', 'refused', 'lost', 'dead')),
        started_at timestamptz NOT NULL,
        told_at timestamptz,
        confirm_reminded_at timestamptz,
        confirmed_at timestamptz
      )`);
    // TOLD and CONFIRM look for an open trace of a name at a clinic.
    await db.query(`CREATE INDEX patient_trace_open_idx ON patient_trace (clinic_id, lower(name), started_at)
        WHERE status IN ('new', 'told', 'awaiting_confirm')`);
    await db.query(`CREATE INDEX patient_trace_told_idx ON patient_trace (told_at) WHERE status = 'told'`);
    await db.query('CREATE INDEX patient_trace_status_idx ON patient_trace (status, started_at)');

    await db.query(`CREATE TABLE sent_reminder (
        patient_event_id integer NOT NULL REFERENCES patient_event(id) ON DELETE CASCADE,
        appointment varchar(60) NOT NULL,
        appointment_date date NOT NULL,
        sent_at timestamptz NOT NULL,
        recipients integer NOT NULL,
        trace_id integer REFERENCES patient_trace(id),
        PRIMARY KEY (patient_event_id, appointment)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE sent_reminder');
    await db.query('DROP TABLE patient_trace');
    await db.query('DROP TABLE patient_event');
  }
}
