import { Module } from '@nestjs/common';
import { ConfigurableModuleClass } from './labresults.module-definition';

/**
 * LabResults: composed by a country's app.module.ts with its own config section.
 *
 * @example
 * LabResultsModule.forRoot(config.section(labresultsConfig))
 */
@Module({})
export class LabResultsModule extends ConfigurableModuleClass {}
