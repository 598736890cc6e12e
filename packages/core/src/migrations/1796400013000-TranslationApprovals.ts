import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviewers' approvals of fuzzy translations, made on the console's Translations page. An
 * approval names the exact draft it approved (msgctxt, msgid and msgstr): it overrides that
 * entry's `#, fuzzy` flag while the .po file still holds that draft, and no longer once a new
 * draft replaces it. The .po files are part of the release and never written by the app.
 */
export class TranslationApprovals1796400013000 implements MigrationInterface {
  name = 'TranslationApprovals1796400013000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE translation_approval (
        id serial PRIMARY KEY,
        language varchar(10) NOT NULL,
        -- sha256 of msgctxt, msgid and the msgstr forms: the unique key (the texts can be long)
        digest char(64) NOT NULL,
        msgctxt text NOT NULL,
        msgid text NOT NULL,
        msgstr text[] NOT NULL,
        approved_by varchar(150) NOT NULL,
        approved_at timestamptz NOT NULL,
        CONSTRAINT translation_approval_once UNIQUE (language, digest)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE translation_approval');
  }
}
