import { Module } from '@nestjs/common';
import { ConfigurableModuleClass } from './reminders.module-definition';

/**
 * Reminders: composed by a country's app.module.ts with its own config section.
 *
 * @example
 * RemindersModule.forRoot(config.section(remindersConfig))
 */
@Module({})
export class RemindersModule extends ConfigurableModuleClass {}
