import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Location types and locations, with a materialized path (`path`: ids from the root to the
 * row) kept by triggers, so every writer (the importer's bulk SQL, the entity manager, a
 * hand-typed UPDATE) leaves the tree consistent. Plain arrays and plpgsql, no extension:
 * the embedded engine has the same.
 */
export class LocationTree1764400000000 implements MigrationInterface {
  name = 'LocationTree1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE location_type (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug varchar(60) NOT NULL CONSTRAINT location_type_slug_key UNIQUE,
        singular varchar(100) NOT NULL,
        plural varchar(100) NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('province', 'district', 'clinic', 'zone', 'other'))
      )`);
    await db.query(`
      CREATE TABLE location (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name varchar(160) NOT NULL,
        code varchar(100) NOT NULL CHECK (code <> ''),
        type_id integer NOT NULL REFERENCES location_type (id),
        parent_id integer REFERENCES location (id),
        path integer[] NOT NULL,
        latitude double precision,
        longitude double precision,
        send_live_results boolean NOT NULL DEFAULT true,
        has_independent_printer boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Codes are typed by people in either case: 'Kaling' and 'kaling' are one location.
    await db.query('CREATE UNIQUE INDEX location_code_key ON location (lower(code))');
    await db.query('CREATE INDEX location_parent_idx ON location (parent_id)');
    await db.query('CREATE INDEX location_path_idx ON location USING gin (path)');
    await db.query('CREATE INDEX location_type_idx ON location (type_id)');

    await db.query(`
      CREATE FUNCTION location_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE parent_path integer[];
      BEGIN
        IF NEW.parent_id IS NULL THEN
          NEW.path := ARRAY[NEW.id];
        ELSE
          SELECT path INTO parent_path FROM location WHERE id = NEW.parent_id;
          IF parent_path IS NULL THEN
            RAISE EXCEPTION 'location % has no parent %', NEW.id, NEW.parent_id USING ERRCODE = 'foreign_key_violation';
          END IF;
          IF NEW.id = ANY (parent_path) THEN
            RAISE EXCEPTION 'location % cannot be placed under its own descendant %', NEW.id, NEW.parent_id
              USING ERRCODE = 'check_violation';
          END IF;
          NEW.path := parent_path || NEW.id;
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE FUNCTION location_move_subtree() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Only path changes below: the UPDATE OF parent_id trigger does not fire again.
        UPDATE location SET path = NEW.path || path[cardinality(OLD.path) + 1:]
         WHERE path @> ARRAY[NEW.id] AND id <> NEW.id;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER location_path_on_insert BEFORE INSERT ON location
      FOR EACH ROW EXECUTE FUNCTION location_set_path()`);
    await db.query(`CREATE TRIGGER location_path_on_move BEFORE UPDATE OF parent_id ON location
      FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION location_set_path()`);
    await db.query(`CREATE TRIGGER location_subtree_on_move AFTER UPDATE OF parent_id ON location
      FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION location_move_subtree()`);

    // Core's contact.location_id points into this table; a contact never points at nothing.
    await db.query(`ALTER TABLE contact ADD CONSTRAINT contact_location_fk
      FOREIGN KEY (location_id) REFERENCES location (id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE contact DROP CONSTRAINT contact_location_fk');
    await db.query('DROP TABLE location');
    await db.query('DROP FUNCTION location_move_subtree()');
    await db.query('DROP FUNCTION location_set_path()');
    await db.query('DROP TABLE location_type');
  }
}
