import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Translatable } from '../i18n/translatable';
import type { TextCleaning } from '../text/string-cleaning';

/**
 * A handler's place in the reply to a message no app handled (docs/keywords.md#default-reply):
 * a number lists the keyword among the valid ones, lower first (JOIN 10, AGENT 20, CHECK 30,
 * RESULT 40, SENT 50, ALL 60, CBA 70, BIRTH 80, CLINIC 90); `'help'` names it as where to get
 * help ("Respond with any keyword or HELP for more information").
 */
export type Advertisement = number | 'help';

export interface SmsAppOptions {
  /** Recorded on messages the app handles; used in `router.order`. */
  readonly name: string;
  /** Where the app goes when `router.order` does not name it (default: after the named ones). */
  readonly position?: 'first' | 'last';
  /** False for apps whose hooks never write: the router then runs them without a savepoint. */
  readonly writes?: boolean;
}

export interface KeywordHandlerOptions {
  /** The canonical keyword, e.g. `LEAVE` or `PRINTER ADD` (several words allowed). */
  readonly keyword: string;
  /** Other spellings users send, misspellings included: `['UNREGISTER', 'UNREG']`. */
  readonly aliases?: readonly string[];
  /** The reply to the keyword sent alone. */
  readonly help: Translatable;
  /** The app the handler belongs to (recorded as `handled_by`). */
  readonly app: string;
  /**
   * How a text that starts with this keyword is cleaned before handlers read it
   * (docs/keywords.md#text-cleaning): `'standard'` (the default), `{ keep: '/' }` to keep some
   * separators, `'verbatim'` for free text that must reach people as sent (broadcasts).
   */
  readonly cleaning?: TextCleaning;
  /** Lists the keyword in the default reply; not listed when absent. */
  readonly advertise?: Advertisement;
}

export interface PatternHandlerOptions {
  /** Matched against the cleaned text (anchor it yourself); groups go to `handle`. */
  readonly pattern: RegExp;
  readonly app: string;
  /**
   * As for keyword handlers; the pattern is then also tried on the trimmed raw text, to
   * decide before cleaning whether the text is this handler's.
   */
  readonly cleaning?: TextCleaning;
  /** Lists `keyword` in the default reply (a pattern has no keyword of its own to show). */
  readonly advertise?: { readonly keyword: string; readonly as: Advertisement };
}

export const SmsAppMeta = DiscoveryService.createDecorator<SmsAppOptions>();
export const KeywordMeta = DiscoveryService.createDecorator<KeywordHandlerOptions>();
export const PatternMeta = DiscoveryService.createDecorator<PatternHandlerOptions>();

/**
 * Declares an SMS app: a provider with phase hooks (see `SmsAppHooks`), found by the router
 * through Nest's discovery. List it in a module's `providers`.
 */
export function SmsApp(options: SmsAppOptions): ClassDecorator {
  return applyDecorators(Injectable(), SmsAppMeta(options));
}

/**
 * Declares a keyword handler (a provider extending `KeywordHandlerBase`).
 *
 * @example
 * @KeywordHandler({ app: 'contacts', keyword: 'LEAVE', aliases: ['UNREGISTER', 'UNREG'], help: texts.leaveHelp })
 * export class LeaveHandler extends KeywordHandlerBase {
 *   async handle(msg: IncomingMessage, rest: string): Promise<void> { ... }
 * }
 *
 * @example
 * // A broadcast reaches people as sent, and is listed in the default reply after SENT.
 * @KeywordHandler({ app: 'broadcast', keyword: 'ALL', aliases: ['AL'], help: texts.allHelp, cleaning: 'verbatim', advertise: 60 })
 * export class AllHandler extends KeywordHandlerBase { ... }
 *
 * @example
 * // Sample ids such as 1234/12 keep their slash.
 * @KeywordHandler({ app: 'labresults', keyword: 'RESULT', help: texts.resultHelp, cleaning: { keep: '/' }, advertise: 40 })
 */
export function KeywordHandler(options: KeywordHandlerOptions): ClassDecorator {
  return applyDecorators(Injectable(), KeywordMeta(options));
}

/**
 * Declares a pattern handler (a provider extending `PatternHandlerBase`).
 *
 * @example
 * // Event keywords read from the database, listed in the default reply as BIRTH.
 * @PatternHandler({ app: 'reminders', pattern: /^\s*(birth|mwana)\b\s*(.*)$/i, advertise: { keyword: 'BIRTH', as: 80 } })
 */
export function PatternHandler(options: PatternHandlerOptions): ClassDecorator {
  return applyDecorators(Injectable(), PatternMeta(options));
}
