import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ContactRolesMeta, type ContactRolesOptions, type DeclaredRole, type Role } from './contact-roles';

/** The roles the installed apps declared (`@ContactRoles`), found once at boot. */
@Injectable()
export class ContactRoleRegistry implements OnModuleInit {
  private readonly roles = new Map<Role, DeclaredRole>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: ContactRolesMeta.KEY })) {
      const options = this.discovery.getMetadataByDecorator(ContactRolesMeta, wrapper) as ContactRolesOptions;
      for (const [slug, description] of Object.entries(options.roles)) {
        const known = this.roles.get(slug);
        this.roles.set(slug, {
          slug,
          description: known?.description ?? description,
          apps: [...new Set([...(known?.apps ?? []), options.app])],
        });
      }
    }
  }

  has(role: Role): boolean {
    return this.roles.has(role);
  }

  /** Every declared role, by slug. */
  all(): DeclaredRole[] {
    return [...this.roles.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  }

  /** The roles of `roles` that no installed app declared. */
  unknown(roles: readonly Role[]): Role[] {
    return roles.filter((role) => !this.roles.has(role));
  }
}
