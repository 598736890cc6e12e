import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PinHasher } from '../contacts/pin-hasher';
import { SendTimeText, type SendTimeMessage, type SendTimeTextRenderer } from './send-time-text';

/** The kind of a message whose clear text is sealed in its `ref` (OutboundText.secrets). */
export const SEALED_KIND = 'core.sealed';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Texts that carry a secret the app cannot make again at send time (the PIN a JOIN chose, a
 * PIN reset's new PIN, a printer slip): the message log keeps the text masked and the clear
 * text is sealed (AES-256-GCM, `sealed:v1:<base64 iv|tag|ciphertext>`) under a key derived
 * from the PIN pepper, which is never in the database; it is opened only to send.
 */
@SendTimeText(SEALED_KIND)
export class SealedTexts implements SendTimeTextRenderer {
  private readonly key: Buffer;

  constructor(hasher: PinHasher) {
    this.key = hasher.derivedKey('sealed outbound text');
  }

  seal(text: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return `sealed:v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string): string {
    const [scheme, version, data] = sealed.split(':');
    if (scheme !== 'sealed' || version !== 'v1' || !data) throw new Error('not a sealed text');
    const raw = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  async render(message: SendTimeMessage): Promise<string> {
    if (!message.ref) throw new Error(`message #${message.id} has no sealed text`);
    return this.open(message.ref);
  }
}
