import type { Connection } from '../contacts/connection.entity';
import type { Contact } from '../contacts/contact.entity';
import type { LinkedConnection } from '../contacts/contacts.repository';
import type { TextParams, Translatable } from '../i18n/translatable';

/**
 * A reply or bulk message queued for the outbox: rendered in the recipient's language when
 * written, split into SMS of the country's length, each with its queue job.
 */
export interface OutboundText {
  /** A connection (gateway + phone) and its contact, if any. */
  readonly to: LinkedConnection;
  readonly text: Translatable;
  readonly params: TextParams;
  /** The app that queued it (recorded as `handled_by`). */
  readonly app: string | null;
  /**
   * The kind of message, when the app makes the text the gateway sends at send time (a
   * `SendTimeText` of this kind): `text` is then what the message log keeps.
   */
  readonly kind?: string;
  /** What the kind's send-time text needs to make the text (ids of rows, never a secret in clear). */
  readonly ref?: string;
  /**
   * Parts of the rendered text that are secret (a PIN, a result word): the message log keeps
   * them masked (`••••`, `•••`) and the text that leaves is sealed until it is sent
   * (`SealedTexts`). Ignored when the message has a `kind` (its app makes the text then).
   */
  readonly secrets?: readonly string[];
}

/** How a message is sent, beyond its text: `kind` and `ref` for a send-time text, `secrets` to mask. */
export interface SendOptions {
  readonly kind?: string;
  readonly ref?: string;
  readonly secrets?: readonly string[];
}

/** `SendOptions` from what callers pass: a kind's name alone, or the options. */
export function sendOptions(options: string | SendOptions | undefined): SendOptions {
  if (options === undefined) return {};
  return typeof options === 'string' ? { kind: options } : options;
}

/** An outbound text with its options spread in, leaving out those not given. */
export function outboundText(
  base: Omit<OutboundText, 'kind' | 'ref' | 'secrets'>,
  options: string | SendOptions | undefined,
): OutboundText {
  const { kind, ref, secrets } = sendOptions(options);
  return {
    ...base,
    ...(kind ? { kind } : {}),
    ...(ref !== undefined ? { ref } : {}),
    ...(secrets && secrets.length > 0 ? { secrets } : {}),
  };
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

/** What an outgoing hook says: send, or cancel this one message. */
export type OutgoingResult = 'continue' | 'cancel';

/** One app's outgoing hook, as the outbox runs it. */
export interface OutgoingHook {
  readonly app: string;
  readonly outgoing: (out: OutgoingMessage) => OutgoingResult | Promise<OutgoingResult>;
}
