import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface OperatorCommandOptions {
  /**
   * The first word after `mwana`, e.g. `contacts`; or two words (`contacts import`), for an
   * app that adds an action to another's command: it gets the arguments after both.
   */
  readonly name: string;
  /** One line per form, shown by `mwana help`. */
  readonly usage: readonly string[];
}

/** A command an operator runs against a country's database (`mwana contacts list`). */
export interface OperatorCommandRunner {
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export const OperatorCommandMeta = DiscoveryService.createDecorator<OperatorCommandOptions>();

/**
 * Declares an operator command, found by `mwana` through discovery in the country's app.
 *
 * @example
 * @OperatorCommand({ name: 'contacts', usage: ['contacts list [--all]'] })
 * export class ContactsCommand implements OperatorCommandRunner { ... }
 */
export function OperatorCommand(options: OperatorCommandOptions): ClassDecorator {
  return applyDecorators(Injectable(), OperatorCommandMeta(options));
}
