import { type LabResultsSettings, LabResult, labresultsConfig, labresultsTexts } from '@mwana/app-labresults';
import {
  type Contact,
  ContactPins,
  ContactsService,
  type IncomingMessage,
  maskIdentity,
  MwanaConfig,
} from '@mwana/core';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ZambiaPlaces } from '../places/zambia-places.service';
import { zambiaTexts as texts } from '../zambia.texts';

/**
 * Four digits from a clinic worker whose phone waits for no PIN (docs/keywords.md#zambia-only):
 * most likely a PIN sent too early or too late, so the reply says whether results wait at
 * their clinic and whether that was their PIN. Saying so is a PIN check, so it is counted
 * like Results160's own (labresults.pinAttempts, pinLockMinutes): the same lock, the same
 * alert to the help admins, else the difference between the replies would let anyone guess
 * a PIN without ever being locked.
 */
@Injectable()
export class PinShapedReplies {
  private readonly logger = new Logger('PinShapedReplies');
  private readonly settings: LabResultsSettings;

  constructor(
    private readonly places: ZambiaPlaces,
    private readonly pins: ContactPins,
    private readonly contacts: ContactsService,
    config: MwanaConfig,
  ) {
    // The lock is Results160's: one policy for every PIN a phone sends.
    this.settings = config.section(labresultsConfig);
  }

  /** `pin` is the secret the sender typed: it goes to the check and nowhere else. */
  async answer(msg: IncomingMessage, contact: Contact, pin: string): Promise<void> {
    msg.markSecret(pin);
    const clinic = contact.locationId === null ? null : await this.places.clinicOf(contact.locationId, msg.db);
    const waiting = clinic ? await this.waitingAt(clinic.id, msg.db) : new Set<string>();
    if (waiting.size === 0) {
      msg.respond(texts.pinNothingWaiting, { name: contact.name });
      return;
    }
    const policy = { attempts: this.settings.pinAttempts, lockMinutes: this.settings.pinLockMinutes };
    const check = await this.pins.check(contact.id, pin, policy, msg.db);
    if (check.kind === 'locked') {
      if (check.justLocked) await this.alert(msg, contact, clinic?.name ?? '-');
      msg.respond(labresultsTexts.pinLocked, { minutes: policy.lockMinutes });
    } else if (check.kind === 'wrong') {
      msg.respond(texts.pinWrong, { name: contact.name });
    } else {
      msg.respond(waiting.has('notified') ? texts.pinRightNotified : texts.pinRightNew, { name: contact.name });
    }
  }

  /** Which of `new` and `notified` the clinic's deliverable results are in (verified, or not refused). */
  private async waitingAt(clinicId: number, db: EntityManager): Promise<Set<string>> {
    const rows: Array<{ status: string }> = await db
      .getRepository(LabResult)
      .createQueryBuilder('r')
      .select('DISTINCT r.notificationStatus', 'status')
      .where('r.clinicId = :clinicId', { clinicId })
      .andWhere('r.notificationStatus IN (:...statuses)', { statuses: ['new', 'notified'] })
      .andWhere('r.verified IS DISTINCT FROM false')
      .getRawMany();
    return new Set(rows.map((r) => r.status));
  }

  private async alert(msg: IncomingMessage, contact: Contact, clinic: string): Promise<void> {
    this.logger.warn(
      `contact #${contact.id} (${maskIdentity(msg.connection.identity)}) locked after ${this.settings.pinAttempts} wrong PINs`,
    );
    for (const admin of await this.contacts.helpAdmins(msg.db)) {
      msg.notify(admin, labresultsTexts.pinLockedAlert, {
        name: contact.name,
        phone: msg.connection.identity,
        clinic,
        count: this.settings.pinAttempts,
        minutes: this.settings.pinLockMinutes,
      });
    }
  }
}
