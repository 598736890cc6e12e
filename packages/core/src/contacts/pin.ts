import { hashSecret, verifySecret } from '../security/secrets';

/** A PIN as it is stored: an scrypt hash; the PIN itself is never stored or logged. */
export function hashPin(pin: string): Promise<string> {
  return hashSecret(pin);
}

export function verifyPin(pin: string, stored: string | null): Promise<boolean> {
  return verifySecret(pin, stored);
}
