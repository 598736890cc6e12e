import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No PIN and no result value in the message log (docs/architecture.md, "Secrets in the
 * message log"): `message.ref` holds what a send-time text makes the text from (row ids, or
 * the sealed clear text of a message with a secret), and the rows written before are masked:
 * a PIN reply and the PIN of a JOIN as `••••`, "Your PIN is 8765" and "Your new PIN is 8765"
 * as `••••`, the value of each result line of a results SMS (`**** P-0001;Detected`) and of
 * a printer slip as `•••`. Not reversible: `down` drops the column only.
 */
export class MessageMasking1796311800000 implements MigrationInterface {
  name = 'MessageMasking1796311800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE message ADD COLUMN ref text');
    await db.query(`CREATE FUNCTION mwana_mask_message(t text, direction varchar) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE
          WHEN t IS NULL THEN NULL
          -- A PIN reply: the whole text is a PIN.
          WHEN direction = 'in' AND t ~ '^\\s*\\d{4,8}\\s*$' THEN regexp_replace(t, '\\d{4,8}', '••••')
          -- JOIN ... <name> <PIN>: the last word, when digits.
          WHEN direction = 'in' AND t ~* '^\\s*\\W*(join|j0in|jin|john|jo1n|jion|j01n|jon)\\M' THEN regexp_replace(t, '\\m\\d{4,8}(\\s*)$', '••••\\1')
          WHEN direction = 'in' THEN t
          ELSE regexp_replace(regexp_replace(
                 regexp_replace(t, '(PIN is )\\d{4,8}', '\\1••••', 'gi'),
                 -- A printer slip's value.
                 '(HIV-DNAPCR Result:\\s*)[^.]+', '\\1•••', 'g'),
                 -- A result line's value: after "<id>;" up to ". ", " changed to " or the end; never a date's.
                 '((?:\\*\\*\\*\\* |changed to )[^;]+);(?!\\d\\d [A-Z][a-z][a-z] \\d{4})[^.;]+?(?=\\. |\\.$| changed to |$)', '\\1;•••', 'g')
        END $$`);
    await db.query(`UPDATE message SET text = mwana_mask_message(text, direction),
                           cleaned_text = mwana_mask_message(cleaned_text, direction)
                     WHERE text IS DISTINCT FROM mwana_mask_message(text, direction)
                        OR cleaned_text IS DISTINCT FROM mwana_mask_message(cleaned_text, direction)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION mwana_mask_message(text, varchar)');
    await db.query('ALTER TABLE message DROP COLUMN ref');
  }
}
