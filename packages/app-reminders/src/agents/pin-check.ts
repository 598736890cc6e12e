import { type Contact, type IncomingMessage, maskIdentity } from '@mwana/core';
import { Injectable, Logger } from '@nestjs/common';
import { Places } from '../places/places';
import { remindersTexts as texts } from '../reminders.texts';
import { AgentDirectory } from './agent-directory';

/** Results160's rule (specs of the project: five wrong PINs in a row lock for 30 minutes, help admins told). */
const ATTEMPTS = 5;
const LOCK_MINUTES = 30;

export type PinCheck = { readonly outcome: 'ok' | 'wrong' } | { readonly outcome: 'locked'; readonly minutes: number };

/**
 * BIRTHREG's PIN check, with the lockout Results160 has: interim, until core's contacts
 * contract offers the one PIN check every app shares (then this file and its table go).
 * Wrong PINs are counted by one upsert, so many at once are all counted and lock once.
 */
@Injectable()
export class PinCheckService {
  private readonly logger = new Logger('BirthRegPin');

  constructor(
    private readonly directory: AgentDirectory,
    private readonly places: Places,
  ) {}

  async check(msg: IncomingMessage, contact: Contact, pin: string, now: Date): Promise<PinCheck> {
    const db = msg.db;
    const [lock]: Array<{ locked_until: Date | null }> = await db.query(
      'SELECT locked_until FROM birthreg_pin_lock WHERE contact_id = $1',
      [contact.id],
    );
    if (lock?.locked_until && lock.locked_until > now) return { outcome: 'locked', minutes: LOCK_MINUTES };
    if (await this.directory.pinMatches(contact, pin, db)) {
      await db.query('DELETE FROM birthreg_pin_lock WHERE contact_id = $1', [contact.id]);
      return { outcome: 'ok' };
    }
    // One statement under the row's lock: wrong PINs sent at once are each counted, and one
    // that arrives while the lock holds (sent before it was set) leaves it as it is.
    const [row]: Array<{ failures: number; locked_until: Date | null }> = await db.query(
      `INSERT INTO birthreg_pin_lock AS l (contact_id, failures) VALUES ($1, 1)
         ON CONFLICT (contact_id) DO UPDATE SET
           failures = CASE WHEN l.locked_until > $2 THEN l.failures ELSE l.failures + 1 END,
           locked_until = CASE WHEN l.locked_until > $2 THEN l.locked_until END
       RETURNING failures, locked_until`,
      [contact.id, now],
    );
    if (row.locked_until && row.locked_until > now) return { outcome: 'locked', minutes: LOCK_MINUTES };
    if (row.failures < ATTEMPTS) return { outcome: 'wrong' };
    await db.query('UPDATE birthreg_pin_lock SET failures = 0, locked_until = $2 WHERE contact_id = $1', [
      contact.id,
      new Date(now.getTime() + LOCK_MINUTES * 60_000),
    ]);
    this.logger.warn(
      `contact #${contact.id} (${maskIdentity(msg.connection.identity)}) locked after ${row.failures} wrong PINs`,
    );
    const clinic = contact.locationId === null ? null : await this.places.clinicOf(contact.locationId, db);
    for (const admin of await this.directory.helpAdmins(db))
      msg.notify(admin, texts.birthregLockedAlert, {
        name: contact.name,
        phone: msg.connection.identity,
        clinic: clinic?.name ?? '-',
        count: row.failures,
        minutes: LOCK_MINUTES,
      });
    return { outcome: 'locked', minutes: LOCK_MINUTES };
  }
}
