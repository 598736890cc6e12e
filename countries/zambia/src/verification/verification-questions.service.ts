import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type DeactivationReason, UserDeactivation } from './user-deactivation.entity';
import { type QuestionKind, VerificationQuestion } from './verification-question.entity';

/** The one place that spells `user_verification`'s and `user_deactivation`'s SQL. */
@Injectable()
export class VerificationQuestions {
  /** Which of these contacts were asked a question of this kind after `since`. */
  async askedSince(
    kind: QuestionKind,
    contactIds: readonly number[],
    since: Date,
    db: EntityManager,
  ): Promise<Set<number>> {
    if (contactIds.length === 0) return new Set();
    const rows: Array<{ contact_id: number }> = await db.query(
      `SELECT DISTINCT contact_id FROM user_verification
        WHERE kind = $1 AND asked_at > $2 AND contact_id = ANY($3::integer[])`,
      [kind, since, [...contactIds]],
    );
    return new Set(rows.map((r) => r.contact_id));
  }

  async record(contactId: number, kind: QuestionKind, locationId: number, at: Date, db: EntityManager): Promise<void> {
    await db.query('INSERT INTO user_verification (contact_id, kind, location_id, asked_at) VALUES ($1, $2, $3, $4)', [
      contactId,
      kind,
      locationId,
      at,
    ]);
  }

  /**
   * Records `answer` on every question of the contact's still open (unanswered, asked after
   * `openSince`); how many there were. Concurrent answers each take the rows in turn, so a
   * question keeps the first answer.
   */
  async answer(contactId: number, answer: string, at: Date, openSince: Date, db: EntityManager): Promise<number> {
    const [, count]: [unknown[], number] = await db.query(
      `UPDATE user_verification SET answered_at = $3, answer = $2
        WHERE contact_id = $1 AND answered_at IS NULL AND asked_at > $4`,
      [contactId, answer.slice(0, 160), at, openSince],
    );
    return count;
  }

  /** When each of these contacts was asked the questions they never answered, oldest first. */
  async unanswered(contactIds: readonly number[], db: EntityManager): Promise<Map<number, Date[]>> {
    const found = new Map<number, Date[]>();
    if (contactIds.length === 0) return found;
    const rows: Array<{ contact_id: number; asked_at: Date }> = await db.query(
      `SELECT contact_id, asked_at FROM user_verification
        WHERE answered_at IS NULL AND contact_id = ANY($1::integer[]) ORDER BY asked_at, id`,
      [[...contactIds]],
    );
    for (const row of rows) found.set(row.contact_id, [...(found.get(row.contact_id) ?? []), row.asked_at]);
    return found;
  }

  async deactivated(contactId: number, reason: DeactivationReason, at: Date, db: EntityManager): Promise<void> {
    await db.query('INSERT INTO user_deactivation (contact_id, reason, deactivated_at) VALUES ($1, $2, $3)', [
      contactId,
      reason,
      at,
    ]);
  }

  /** The latest questions, newest first (the console's page). */
  latest(limit: number, db: EntityManager): Promise<VerificationQuestion[]> {
    return db.getRepository(VerificationQuestion).find({ order: { askedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  latestDeactivations(limit: number, db: EntityManager): Promise<UserDeactivation[]> {
    return db.getRepository(UserDeactivation).find({ order: { deactivatedAt: 'DESC', id: 'DESC' }, take: limit });
  }
}
