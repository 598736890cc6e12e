import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Translatable } from '../i18n/translatable';

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
}

export interface PatternHandlerOptions {
  /** Matched against the cleaned text (anchor it yourself); groups go to `handle`. */
  readonly pattern: RegExp;
  readonly app: string;
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
 */
export function KeywordHandler(options: KeywordHandlerOptions): ClassDecorator {
  return applyDecorators(Injectable(), KeywordMeta(options));
}

/** Declares a pattern handler (a provider extending `PatternHandlerBase`). */
export function PatternHandler(options: PatternHandlerOptions): ClassDecorator {
  return applyDecorators(Injectable(), PatternMeta(options));
}
