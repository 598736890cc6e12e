import type { IncomingMessage } from './incoming-message';
import type { OutgoingMessage, OutgoingResult } from '../outbox/outbound-text';

export type { OutgoingResult };

/** What a filter hook says: go on, or stop every later phase for this message. */
export type FilterResult = 'continue' | 'stop';
/** What a handle or default hook says: handled ends the phase; continue lets the next app try. */
export type HandleResult = 'continue' | 'handled';

type Maybe<T> = T | Promise<T>;

/**
 * An SMS app: a Nest provider decorated with `@SmsApp`, implementing any of the phase
 * hooks. The router runs `filter, parse, handle, default, cleanup` over the apps in the
 * configured order and `outgoing` in reverse. An exception in a hook is logged and
 * recorded on the message; the other apps still run.
 *
 * @example
 * @SmsApp({ name: 'blacklist', position: 'first' })
 * export class BlacklistApp implements SmsAppHooks {
 *   filter(msg: IncomingMessage): FilterResult {
 *     return this.blocked.has(msg.connection.identity) ? 'stop' : 'continue';
 *   }
 * }
 */
export interface SmsAppHooks {
  /** Drop a message before anyone sees it ('stop' skips every later phase, cleanup included). */
  filter?(msg: IncomingMessage): Maybe<FilterResult>;
  /** Annotate or clean the message for every app; every app's parse runs. */
  parse?(msg: IncomingMessage): Maybe<void>;
  handle?(msg: IncomingMessage): Maybe<HandleResult>;
  /** Runs only when no app handled the message. */
  default?(msg: IncomingMessage): Maybe<HandleResult>;
  /** Runs for every message that was not filtered, handled or not. */
  cleanup?(msg: IncomingMessage): Maybe<void>;
  /** Sees each reply on its way out, apps in reverse order. */
  outgoing?(out: OutgoingMessage): Maybe<OutgoingResult>;
}

export const PHASES = ['filter', 'parse', 'handle', 'default', 'cleanup'] as const;
export type Phase = (typeof PHASES)[number] | 'outgoing';
