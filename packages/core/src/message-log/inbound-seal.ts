import { Injectable } from '@nestjs/common';
import { PinHasher } from '../contacts/pin-hasher';
import { seal, unseal } from './sealing';

/** What the message log shows of an inbound SMS until it is routed: nothing of what it says. */
export const UNROUTED_TEXT = '•••';

/** An inbound SMS's text and its original (`MessageRecord.original`), as the router reads them. */
export interface InboundClear {
  readonly text: string;
  readonly original: string | null;
}

/**
 * An inbound SMS is stored sealed (`message.sealed`) until it is routed: its text may be a PIN
 * or a result, and only the router knows which (a handler marks it). The visible `text` is
 * `UNROUTED_TEXT` meanwhile; routing writes it back with its secrets masked and drops the
 * seal. The key is derived from the PIN pepper (never in the database), so a worker of the
 * same deployment opens what an api process sealed.
 */
@Injectable()
export class InboundSeal {
  private readonly key: Buffer;

  constructor(hasher: PinHasher) {
    this.key = hasher.derivedKey('sealed inbound text');
  }

  seal(clear: InboundClear): string {
    return seal(this.key, JSON.stringify(clear.original === null ? [clear.text] : [clear.text, clear.original]));
  }

  open(sealed: string): InboundClear {
    const [text, original] = JSON.parse(unseal(this.key, sealed)) as [string, string?];
    return { text, original: original ?? null };
  }
}
