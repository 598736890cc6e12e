import { ConsoleModule } from '@mwana/core';
import { Module } from '@nestjs/common';
import { BroadcastRoles } from './broadcast.roles';
import { ConfigurableModuleClass } from './broadcast.module-definition';
import { Broadcaster } from './groups/broadcaster.service';
import { GroupSender } from './groups/group-sender';
import {
  AllHandler,
  BlastHandler,
  CbaHandler,
  ClinicHandler,
  DistrictHandler,
  HsaHandler,
} from './groups/group.handlers';
import { MsgHandler } from './groups/msg.handler';
import { ContactsHandler } from './help/contacts.handler';
import { HelpDesk } from './help/help-desk.service';
import { HelpHandler } from './help/help.handler';
import { BroadcastPlaces } from './places';
import { BroadcastDemoSeed } from './broadcast.demo-seed';
import { broadcastConsoleProviders } from './console';
import { BroadcastOperations } from './staff/broadcast-operations';
import { BroadcastsApiController } from './staff/broadcasts-api.controller';
import { StaffBroadcasts } from './staff/staff-broadcasts.service';

/**
 * Broadcast: ALL, CLINIC, CBA, HSA, DISTRICT, BLAST and MSG <group>, HELP and CONTACTS, and
 * their console pages. Composed by a country's app.module.ts with its own config section,
 * beside `LocationsModule` (groups are found in its tree).
 *
 * @example
 * BroadcastModule.forRoot(config.section(broadcastConfig))
 */
@Module({
  imports: [ConsoleModule],
  controllers: [BroadcastsApiController],
  providers: [
    StaffBroadcasts,
    BroadcastOperations,
    ...broadcastConsoleProviders,
    BroadcastRoles,
    BroadcastPlaces,
    Broadcaster,
    GroupSender,
    HelpDesk,
    AllHandler,
    ClinicHandler,
    CbaHandler,
    HsaHandler,
    DistrictHandler,
    BlastHandler,
    MsgHandler,
    HelpHandler,
    ContactsHandler,
    BroadcastDemoSeed,
  ],
  exports: [Broadcaster, HelpDesk, StaffBroadcasts],
})
export class BroadcastModule extends ConfigurableModuleClass {}
