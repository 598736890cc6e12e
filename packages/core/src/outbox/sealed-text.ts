import { PinHasher } from '../contacts/pin-hasher';
import { seal, unseal } from '../message-log/sealing';
import { SendTimeText, type SendTimeMessage, type SendTimeTextRenderer } from './send-time-text';

/** The kind of a message whose clear text is sealed in its `ref` (OutboundText.secrets). */
export const SEALED_KIND = 'core.sealed';

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
    return seal(this.key, text);
  }

  open(sealed: string): string {
    return unseal(this.key, sealed);
  }

  async render(message: SendTimeMessage): Promise<string> {
    if (!message.ref) throw new Error(`message #${message.id} has no sealed text`);
    return this.open(message.ref);
  }
}
