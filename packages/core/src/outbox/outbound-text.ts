import type { Connection } from '../contacts/connection.entity';
import type { Contact } from '../contacts/contact.entity';
import type { TextParams, Translatable } from '../i18n/translatable';

/** Who a message goes to: a connection (gateway + phone) and its contact, if any. */
export interface Recipient {
  readonly connection: Connection;
  readonly contact: Contact | null;
}

/**
 * A reply or bulk message queued for the outbox: rendered in the recipient's language when
 * written, split into SMS of the country's length, each with its queue job.
 */
export interface OutboundText {
  readonly to: Recipient;
  readonly text: Translatable;
  readonly params: TextParams;
  /** The app that queued it (recorded as `handled_by`). */
  readonly app: string | null;
  /**
   * The kind of message, when the app makes the text the gateway sends at send time (a
   * `SendTimeText` of this kind): `text` is then what the message log keeps.
   */
  readonly kind?: string;
}

/** A message on its way out, before it is rendered in the recipient's language and stored. */
export interface OutgoingMessage {
  readonly connection: Connection;
  readonly contact: Contact | null;
  readonly text: Translatable;
  readonly params: TextParams;
  /** The inbound message this answers, if any. */
  readonly inResponseToId: string | null;
  /** The app that queued it. */
  readonly app: string | null;
}

/**
 * The apps' outgoing hooks, run on each message before it is written (apps in reverse
 * order). Messaging provides it from its app registry; without it nothing is cancelled.
 */
export abstract class OutgoingHooks {
  /** The name of the app that cancelled the message, or null to send it. */
  abstract run(out: OutgoingMessage): Promise<string | null>;
}
