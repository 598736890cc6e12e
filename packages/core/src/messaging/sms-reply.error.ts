import type { TextParams, Translatable } from '../i18n/translatable';
import type { SendOptions } from '../outbox/outbound-text';

/**
 * Thrown by a handler when the user's input is wrong: the router sends `text` as the reply
 * and the message counts as handled (not errored). Unexpected errors stay ordinary errors.
 */
export class SmsReplyError extends Error {
  constructor(
    readonly text: Translatable,
    readonly params: TextParams = {},
    /** How the reply is sent: `secrets` in it are masked in the message log. */
    readonly options: SendOptions = {},
  ) {
    super('literal' in text ? text.literal : text.id);
    this.name = 'SmsReplyError';
  }
}
