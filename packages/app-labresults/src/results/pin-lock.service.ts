import { Connection, Contact, type IncomingMessage, maskIdentity } from '@mwana/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Place } from '../clinics/clinic-directory';
import { PinLock } from '../entities/pin-lock.entity';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';

/**
 * Wrong PINs in a row (docs/keywords.md#pin-reply): after `pinAttempts` of them the contact's results
 * are locked for `pinLockMinutes` and the help admins are told, so a borrowed phone cannot
 * be used to guess a worker's PIN.
 */
@Injectable()
export class PinLockService {
  private readonly logger = new Logger('PinLock');

  constructor(@Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings) {}

  async isLocked(contactId: number, now: Date, db: EntityManager): Promise<boolean> {
    const lock = await db.findOneBy(PinLock, { contactId });
    return lock?.lockedUntil != null && lock.lockedUntil > now;
  }

  async succeeded(contactId: number, db: EntityManager): Promise<void> {
    await db.delete(PinLock, { contactId });
  }

  /** Counts a wrong PIN; true when this one locked the contact (the sender's reply is the caller's). */
  async failed(msg: IncomingMessage, contact: Contact, clinic: Place | null, now: Date): Promise<boolean> {
    const db = msg.db;
    const [row]: Array<{ failures: number }> = await db.query(
      `INSERT INTO pin_lock (contact_id, failures) VALUES ($1, 1)
         ON CONFLICT (contact_id) DO UPDATE SET failures = pin_lock.failures + 1, locked_until = NULL
       RETURNING failures`,
      [contact.id],
    );
    if (row.failures < this.settings.pinAttempts) return false;
    const minutes = this.settings.pinLockMinutes;
    await db.update(
      PinLock,
      { contactId: contact.id },
      { failures: 0, lockedUntil: new Date(now.getTime() + minutes * 60_000) },
    );
    this.logger.warn(
      `contact #${contact.id} (${maskIdentity(msg.connection.identity)}) locked after ${row.failures} wrong PINs`,
    );
    const admins = await this.helpAdmins(db);
    for (const admin of admins) {
      msg.notify(admin, texts.pinLockedAlert, {
        name: contact.name,
        phone: msg.connection.identity,
        clinic: clinic?.name ?? '-',
        count: row.failures,
        minutes,
      });
    }
    return true;
  }

  private async helpAdmins(db: EntityManager): Promise<Array<{ connection: Connection; contact: Contact }>> {
    const connections = await db
      .getRepository(Connection)
      .createQueryBuilder('n')
      .innerJoinAndSelect('n.contact', 'c')
      .where('c.is_help_admin AND c.active')
      .orderBy('c.id')
      .addOrderBy('n.id')
      .getMany();
    const seen = new Set<number>();
    return connections.flatMap((n) =>
      n.contact && !seen.has(n.contact.id) && seen.add(n.contact.id) ? [{ connection: n, contact: n.contact }] : [],
    );
  }
}
