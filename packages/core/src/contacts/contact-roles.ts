import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

/**
 * A role's canonical slug (`clinic-worker`, `cba`): lowercase words joined by `-`. Core
 * declares none; each app declares the roles it gives or reads (docs/keywords.md#roles lists
 * the canonical slugs), and a country sets their display names and JOIN words.
 */
export type Role = string;

export interface ContactRolesOptions {
  /** The app that declares them (shown by `mwana contacts roles` and on errors). */
  readonly app: string;
  /** The slugs, with what each means for the people who hold it. */
  readonly roles: Readonly<Record<Role, string>>;
}

export const ContactRolesMeta = DiscoveryService.createDecorator<ContactRolesOptions>();

/**
 * Declares the roles an app gives contacts: put it on any provider of the app's module (an
 * empty class will do). Two apps may declare the same slug (both Results160 and RemindMi
 * give `cba` in Malawi): the role is one, known to both. `ContactsService.register` and
 * `addRoles` refuse a role no installed app declared, so a typo never reaches the table.
 *
 * @example
 * @ContactRoles({ app: 'reminders', roles: { cba: 'community agent, registers births in a zone' } })
 * export class RemindersRoles {}
 * // in RemindersModule: providers: [RemindersRoles, ...]
 */
export function ContactRoles(options: ContactRolesOptions): ClassDecorator {
  for (const slug of Object.keys(options.roles)) {
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(slug)) {
      throw new Error(`@ContactRoles(${options.app}): "${slug}" is not a role slug (lowercase words joined by -)`);
    }
  }
  return applyDecorators(Injectable(), ContactRolesMeta(options));
}

export interface DeclaredRole {
  readonly slug: Role;
  readonly description: string;
  /** The apps that declared it. */
  readonly apps: readonly string[];
}
