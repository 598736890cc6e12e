import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Connection } from './connection.entity';
import { Contact } from './contact.entity';
import { ContactLocations } from './contact-locations';
import { ContactPins } from './contact-pins.service';
import { ContactRoleRegistry } from './contact-role.registry';
import { ContactsCommand } from './contacts.command';
import { ContactsAdmin } from './contacts-admin.service';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { PinHasher } from './pin-hasher';

/**
 * Contacts and their connections, the roles apps declare, PINs and `mwana contacts`
 * (LEAVE and LANGUAGE are built-in apps, in apps/). Global: every app injects `ContactsService` and `ContactPins` (its
 * contract) and never the rows.
 */
@Global()
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([Contact, Connection])],
  providers: [
    ContactsRepository,
    ContactRoleRegistry,
    PinHasher,
    ContactsService,
    ContactPins,
    ContactLocations,
    ContactsAdmin,
    ContactsCommand,
  ],
  exports: [ContactsService, ContactPins, ContactRoleRegistry, PinHasher, ContactLocations, ContactsAdmin],
})
export class ContactsModule {}
