import type { Connection } from '../contacts/connection.entity';
import type { Contact } from '../contacts/contact.entity';
import type { TextParams, Translatable } from './translatable';

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
