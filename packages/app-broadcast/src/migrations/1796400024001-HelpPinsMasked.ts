import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Four digits standing alone (not in a longer number or a word): what HELP now masks as a PIN. */
const FOUR_DIGITS = `'(^|[^[:alnum:]])[0-9]{4}(?![[:alnum:]])'`;

/**
 * A PIN typed after HELP is masked (`HelpHandler.secretsOf`): the requests stored before, the
 * HELP messages of the message log and the notices they sent the help admins get their
 * four-digit words masked (`••••`), and an inbound text that is a PIN on its own (the SMS
 * after HELP) as `mwana_mask_message` masks it. A longer PIN in an old request cannot be told
 * from a clinic code without the pepper: it stays. Not reversible: `down` does nothing.
 */
export class HelpPinsMasked1796400024001 implements MigrationInterface {
  name = 'HelpPinsMasked1796400024001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE help_request SET text = regexp_replace(text, ${FOUR_DIGITS}, '\\1••••', 'g')
                     WHERE text ~ ${FOUR_DIGITS}`);
    await db.query(`UPDATE message m SET text = regexp_replace(m.text, ${FOUR_DIGITS}, '\\1••••', 'g'),
                           cleaned_text = regexp_replace(m.cleaned_text, ${FOUR_DIGITS}, '\\1••••', 'g')
                     WHERE (m.handled_by_handler = 'HelpHandler'
                            OR m.in_response_to_id IN (SELECT id FROM message WHERE handled_by_handler = 'HelpHandler'))
                       AND m.text ~ ${FOUR_DIGITS}`);
    await db.query(`UPDATE message SET text = mwana_mask_message(text, direction), cleaned_text = mwana_mask_message(cleaned_text, direction)
                     WHERE direction = 'in' AND text ~ '^\\s*\\d{4,8}\\s*$'`);
  }

  async down(): Promise<void> {}
}
