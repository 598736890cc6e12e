import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CodeHandler } from './code.handler';
import { ContactImporter } from './contacts-import/contact-importer.service';
import { LocationsForContacts } from './contacts-import/contact-locations.provider';
import { ContactsImportCommand } from './contacts-import/contacts-import.command';
import { locationsConsoleProviders } from './console';
import { LocationType } from './entities/location-type.entity';
import { Location } from './entities/location.entity';
import { LocationImporter } from './import/location-importer.service';
import { LocationsCommand } from './import/locations.command';
import { LocationsDemoSeed } from './locations.demo-seed';
import { ConfigurableModuleClass } from './locations.module-definition';
import { LocationsService } from './locations.service';
import { ZonesService } from './zones.service';

/**
 * Locations: the province / district / facility / zone tree every app stands on, its codes,
 * its import, the CODE keyword, and `mwana contacts import` (contacts name their location by code). Listed by a country as `locationsApp` (with its own
 * config section); other apps inject `LocationsService` and `ZonesService`.
 *
 * @example
 * LocationsModule.forRoot(config.section(locationsConfig))
 */
@Module({
  imports: [TypeOrmModule.forFeature([LocationType, Location])],
  providers: [
    LocationsService,
    ZonesService,
    LocationImporter,
    LocationsCommand,
    LocationsDemoSeed,
    ContactImporter,
    ContactsImportCommand,
    LocationsForContacts,
    CodeHandler,
    ...locationsConsoleProviders,
  ],
  exports: [LocationsService, ZonesService, LocationImporter],
})
export class LocationsModule extends ConfigurableModuleClass {}
