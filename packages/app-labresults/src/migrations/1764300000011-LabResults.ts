import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lab accounts and payloads, results, the phones waiting for a PIN, wrong-PIN counts and the disclosure record.
 * `clinic_id` has no foreign key: app-locations' migrations sort after this one, and a
 * result must outlive a facility being re-imported.
 */
export class LabResults1764300000011 implements MigrationInterface {
  name = 'LabResults1764300000011';

  async up(db: QueryRunner): Promise<void> {
    // Lab accounts post payloads over HTTP Basic; each payload is kept raw, whatever it holds.
    await db.query(`CREATE TABLE lab_account (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username varchar(60) NOT NULL UNIQUE,
        password_hash varchar(200) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE TABLE lab_payload (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        incoming_date timestamptz NOT NULL,
        account_id integer REFERENCES lab_account(id),
        source varchar(100),
        version varchar(30),
        client_timestamp varchar(40),
        info varchar(200),
        parsed_json boolean NOT NULL DEFAULT false,
        validated_schema boolean NOT NULL DEFAULT false,
        errors text[] NOT NULL DEFAULT '{}',
        raw text NOT NULL
      )`);
    await db.query(`CREATE TABLE lab_result (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        sample_id varchar(50) NOT NULL,
        requisition_id varchar(50) NOT NULL,
        clinic_id integer,
        clinic_code_unrec varchar(20),
        result char(1) CHECK (result IN ('P', 'N', 'R', 'I', 'X')),
        result_detail varchar(200),
        notification_status varchar(15) NOT NULL DEFAULT 'unprocessed'
          CHECK (notification_status IN ('unprocessed', 'new', 'notified', 'sent', 'updated')),
        verified boolean,
        collected_on date,
        entered_on date,
        processed_on date,
        arrival_date timestamptz,
        result_sent_date timestamptz,
        record_change varchar(10) CHECK (record_change IN ('result', 'req_id', 'both')),
        old_value varchar(70),
        birthdate date,
        child_age integer,
        child_age_unit varchar(20),
        sex varchar(10),
        mother_age integer,
        collecting_health_worker varchar(100),
        coll_hw_title varchar(50),
        payload_id integer REFERENCES lab_payload(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE UNIQUE INDEX lab_result_sample_id_key ON lab_result (sample_id)');
    // The notification job and CHECK look for a clinic's pending results.
    await db.query('CREATE INDEX lab_result_clinic_status_idx ON lab_result (clinic_id, notification_status)');
    await db.query(`CREATE TABLE pending_pin (
        connection_id integer NOT NULL REFERENCES connection(id) ON DELETE CASCADE,
        result_id integer NOT NULL REFERENCES lab_result(id) ON DELETE CASCADE,
        contact_id integer NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (connection_id, result_id)
      )`);
    await db.query(`CREATE TABLE pin_lock (
        contact_id integer PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
        failures integer NOT NULL DEFAULT 0,
        locked_until timestamptz
      )`);
    await db.query(`CREATE TABLE result_disclosure (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        result_id integer NOT NULL REFERENCES lab_result(id),
        contact_id integer NOT NULL REFERENCES contact(id),
        connection_id integer NOT NULL REFERENCES connection(id),
        channel varchar(40) NOT NULL,
        via varchar(20) NOT NULL,
        disclosed_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX result_disclosure_result_idx ON result_disclosure (result_id)');
    await db.query('CREATE INDEX result_disclosure_contact_idx ON result_disclosure (contact_id, disclosed_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE result_disclosure');
    await db.query('DROP TABLE pin_lock');
    await db.query('DROP TABLE pending_pin');
    await db.query('DROP TABLE lab_result');
    await db.query('DROP TABLE lab_payload');
    await db.query('DROP TABLE lab_account');
  }
}
