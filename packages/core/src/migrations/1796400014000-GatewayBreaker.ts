import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each gateway's circuit breaker, shared by every worker process: closed (sending), open
 * (paused after `backends.breaker.failures` failures in a row, until `probe_at`) or half-open
 * (one process is sending one message as a probe). `since` is when it entered that state.
 */
export class GatewayBreaker1796400014000 implements MigrationInterface {
  name = 'GatewayBreaker1796400014000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE gateway_breaker (
        gateway varchar(40) PRIMARY KEY,
        state varchar(10) NOT NULL DEFAULT 'closed' CHECK (state IN ('closed', 'open', 'half-open')),
        failures integer NOT NULL DEFAULT 0,
        failed_probes integer NOT NULL DEFAULT 0,
        since timestamptz NOT NULL DEFAULT now(),
        probe_at timestamptz,
        last_error text,
        last_error_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE gateway_breaker');
  }
}
