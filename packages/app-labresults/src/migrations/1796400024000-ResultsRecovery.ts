import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results left `sending` by a crash between the sender's record and `settled`
 * (`ResultsRecovery`) are found through two indexes: the results `sending`, and the results
 * SMS by the result ids their `ref` names (`[[id, withDates], ...]`, GIN `@>`).
 */
export class ResultsRecovery1796400024000 implements MigrationInterface {
  name = 'ResultsRecovery1796400024000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX lab_result_sending_idx ON lab_result (id) WHERE notification_status = 'sending'`);
    await db.query(`CREATE INDEX message_results_sms_ref_idx ON message USING gin ((ref::jsonb) jsonb_path_ops)
                     WHERE kind = 'labresults.results'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX message_results_sms_ref_idx');
    await db.query('DROP INDEX lab_result_sending_idx');
  }
}
