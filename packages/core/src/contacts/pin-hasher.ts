import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { verifySecret } from '../security/secrets';
import { contactsConfig } from './contacts.config';

const SCHEME = 'hmac-sha256';
const SALT_BYTES = 16;

/** What a stored PIN hash said about a PIN: right or not, and whether it is an old scrypt hash to replace. */
export interface PinVerdict {
  readonly right: boolean;
  readonly legacy: boolean;
}

/**
 * PIN hashes: `hmac-sha256$<salt>$<mac>` (base64), the MAC keyed by the pepper of the config
 * chain's secret layer (`contacts.pinPepper`), never stored in the database. Well under a
 * millisecond to check, so it costs nothing per SMS; a stolen database alone does not give
 * the PINs. Hashes written before (`scrypt$...`) still verify, slowly, and the caller
 * replaces them on the first right PIN.
 */
@Injectable()
export class PinHasher {
  private readonly logger = new Logger('PinHasher');
  private readonly pepper: Buffer;

  constructor(config: MwanaConfig) {
    const set = config.section(contactsConfig).pinPepper;
    if (set) {
      this.pepper = Buffer.from(set, 'utf8');
    } else if (config.env === 'development' || config.env === 'test') {
      // Derived, not random: a laptop's PINs must survive a restart and be the same in every process.
      this.pepper = createHmac('sha256', 'mwana development pin pepper')
        .update(config.section(countryConfig).code)
        .digest();
      if (config.env === 'development') {
        this.logger.warn('contacts.pinPepper is not set: PINs use a pepper derived for development, no secret.');
      }
    } else {
      throw new Error(
        `contacts.pinPepper is required in ${config.env}: set MWANA__CONTACTS__PIN_PEPPER to 32 or more random characters.`,
      );
    }
  }

  hash(pin: string): string {
    const salt = randomBytes(SALT_BYTES);
    return `${SCHEME}$${salt.toString('base64')}$${this.mac(salt, pin).toString('base64')}`;
  }

  async verify(pin: string, stored: string | null): Promise<PinVerdict> {
    const [scheme, salt, mac] = (stored ?? '').split('$');
    if (scheme === 'scrypt') return { right: await verifySecret(pin, stored), legacy: true };
    if (scheme !== SCHEME || !salt || !mac) {
      // No PIN: the same work as a real check.
      this.mac(Buffer.alloc(SALT_BYTES), pin);
      return { right: false, legacy: false };
    }
    const expected = Buffer.from(mac, 'base64');
    const actual = this.mac(Buffer.from(salt, 'base64'), pin);
    return { right: expected.length === actual.length && timingSafeEqual(actual, expected), legacy: false };
  }

  /**
   * A key for another purpose derived from the pepper (the outbox's sealed texts): never in
   * the database, and the same in every process of the deployment.
   */
  derivedKey(purpose: string): Buffer {
    return createHmac('sha256', this.pepper).update(`mwana key: ${purpose}`).digest();
  }

  private mac(salt: Buffer, pin: string): Buffer {
    return createHmac('sha256', this.pepper).update(salt).update('\0').update(pin, 'utf8').digest();
  }
}
