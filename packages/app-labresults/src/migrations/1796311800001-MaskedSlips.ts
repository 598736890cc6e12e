import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A printer slip kept until its printer confirms it (`message_confirmation.text`) holds its
 * result masked, as the message log does (`HIV-DNAPCR Result: •••`); the slips kept until
 * now are masked. Not reversible.
 */
export class MaskedSlips1796311800001 implements MigrationInterface {
  name = 'MaskedSlips1796311800001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE message_confirmation SET text = regexp_replace(text, '(HIV-DNAPCR Result:\\s*)[^.]+', '\\1•••', 'g')
        WHERE text ~ 'HIV-DNAPCR Result:'`,
    );
  }

  async down(): Promise<void> {
    // The values are gone: nothing to put back.
  }
}
