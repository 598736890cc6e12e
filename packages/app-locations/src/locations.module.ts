import { Module } from '@nestjs/common';
import { ConfigurableModuleClass } from './locations.module-definition';

/**
 * Locations: composed by a country's app.module.ts with its own config section.
 *
 * @example
 * LocationsModule.forRoot(config.section(locationsConfig))
 */
@Module({})
export class LocationsModule extends ConfigurableModuleClass {}
