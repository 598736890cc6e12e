import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every lab payload kept and answered (docs/keywords.md#lab-upload): a payload's state (the hourly
 * re-run takes only those that failed to apply, not those refused for their shape), its
 * content type, its bytes when text cannot hold them, and log lines kept raw when unreadable.
 */
export class PayloadStates1796400000000 implements MigrationInterface {
  name = 'PayloadStates1796400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE lab_payload
        ADD COLUMN state varchar(10) NOT NULL DEFAULT 'received'
          CHECK (state IN ('received', 'applied', 'refused', 'failed')),
        ADD COLUMN content_type varchar(200),
        ADD COLUMN raw_bytes bytea,
        ADD COLUMN failures integer NOT NULL DEFAULT 0`);
    await db.query(`UPDATE lab_payload SET state = CASE
        WHEN validated_schema THEN 'applied'
        WHEN cardinality(errors) > 0 THEN 'refused'
        WHEN parsed_json THEN 'failed'
        ELSE 'received' END`);
    await db.query(`CREATE INDEX lab_payload_rerun_idx ON lab_payload (id) WHERE state IN ('received', 'failed')`);
    await db.query(`ALTER TABLE lab_log
        ALTER COLUMN message DROP NOT NULL,
        ALTER COLUMN level DROP NOT NULL,
        ALTER COLUMN line DROP NOT NULL,
        ADD COLUMN raw text,
        ADD COLUMN problem varchar(200)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DELETE FROM lab_log WHERE problem IS NOT NULL');
    await db.query(`ALTER TABLE lab_log DROP COLUMN raw, DROP COLUMN problem,
        ALTER COLUMN message SET NOT NULL, ALTER COLUMN level SET NOT NULL, ALTER COLUMN line SET NOT NULL`);
    await db.query('DROP INDEX lab_payload_rerun_idx');
    await db.query(
      'ALTER TABLE lab_payload DROP COLUMN state, DROP COLUMN content_type, DROP COLUMN raw_bytes, DROP COLUMN failures',
    );
  }
}
