import type { TextParams, Translatable } from '../i18n/translatable';

/**
 * Thrown by a handler when the user's input is wrong: the router sends `text` as the reply
 * and the message counts as handled (not errored). Unexpected errors stay ordinary errors.
 */
export class SmsReplyError extends Error {
  constructor(
    readonly text: Translatable,
    readonly params: TextParams = {},
  ) {
    super('literal' in text ? text.literal : text.id);
    this.name = 'SmsReplyError';
  }
}
