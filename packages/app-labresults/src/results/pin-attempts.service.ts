import {
  type Contact,
  ContactPins,
  ContactsService,
  type IncomingMessage,
  maskIdentity,
  type PinCheck,
  type PinPolicy,
} from '@mwana/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClinicDirectory } from '../clinics/clinic-directory';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';

/**
 * Every PIN a phone sends to Results160, counted (docs/keywords.md#pin-reply): after `pinAttempts`
 * wrong PINs in a row the contact's results are locked for `pinLockMinutes`, and the help
 * admins are told once per lock, however many attempts come at once (`ContactPins.check`
 * takes the strikes with a row lock before it looks at the PIN).
 */
@Injectable()
export class PinAttempts {
  private readonly logger = new Logger('PinAttempts');
  readonly policy: PinPolicy;

  constructor(
    private readonly pins: ContactPins,
    private readonly contacts: ContactsService,
    private readonly directory: ClinicDirectory,
    @Inject(LABRESULTS_OPTIONS) settings: LabResultsSettings,
  ) {
    this.policy = { attempts: settings.pinAttempts, lockMinutes: settings.pinLockMinutes };
  }

  /** The sender's PIN attempt (`pin` is the secret they typed: never log it). */
  async attempt(msg: IncomingMessage, contact: Contact, pin: string): Promise<PinCheck> {
    // The message log keeps it masked.
    msg.markSecret(pin);
    const check = await this.pins.check(contact.id, pin, this.policy, msg.db);
    if (check.kind === 'locked' && check.justLocked) await this.alert(msg, contact);
    return check;
  }

  private async alert(msg: IncomingMessage, contact: Contact): Promise<void> {
    this.logger.warn(
      `contact #${contact.id} (${maskIdentity(msg.connection.identity)}) locked after ${this.policy.attempts} wrong PINs`,
    );
    const clinic = contact.locationId === null ? null : await this.directory.clinicOf(contact.locationId, msg.db);
    for (const admin of await this.contacts.helpAdmins(msg.db)) {
      msg.notify(admin, texts.pinLockedAlert, {
        name: contact.name,
        phone: msg.connection.identity,
        clinic: clinic?.name ?? '-',
        count: this.policy.attempts,
        minutes: this.policy.lockMinutes,
      });
    }
  }
}
