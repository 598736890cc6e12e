import { defineApp, type MwanaApp } from '@mwana/core';
import { locationsConfig } from './locations.config';
import { LocationsModule } from './locations.module';
import { locationsMigrations } from './migrations';

export * from './locations.config';
export { LocationsModule } from './locations.module';
export { LOCATIONS_OPTIONS } from './locations.module-definition';
export { locationsMigrations } from './migrations';
export { Location } from './entities/location.entity';
export { LOCATION_KINDS, LocationType, type LocationKind } from './entities/location-type.entity';
export { LocationsService, type FindOptions } from './locations.service';
export { ZonesService } from './zones.service';
export { placeOf, type Place } from './place';
export { LocationsError, LocationsErrorCode } from './locations.error';
export {
  CODE_LEVELS,
  codeOfPrefix,
  codeRules,
  normalizeCode,
  normalizeLabCode,
  parseCode,
  type CodeLevel,
  type CodePart,
  type CodeRules,
  type ParsedCode,
} from './codes/location-codes';
export { kindOf } from './location-types';
export { cleanName, slugify } from './names';
export { LocationImporter, type ImportOptions, type ImportReport } from './import/location-importer.service';
export { ImportFileError, type RowError } from './import/import-rows';
export type { LocationChange } from './import/import-diff';
export { formatImportReport } from './import/import-report';
export {
  ContactImporter,
  type ContactImportOptions,
  type ContactImportReport,
} from './contacts-import/contact-importer.service';

/** Locations, as a country lists it (before the apps that stand on it). */
export const locationsApp: MwanaApp = defineApp({
  name: 'locations',
  config: locationsConfig,
  module: (settings) => LocationsModule.forRoot(settings),
  migrations: locationsMigrations,
});
