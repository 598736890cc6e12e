import { Module } from '@nestjs/common';
import { ConfigurableModuleClass } from './broadcast.module-definition';

/**
 * Broadcast: composed by a country's app.module.ts with its own config section.
 *
 * @example
 * BroadcastModule.forRoot(config.section(broadcastConfig))
 */
@Module({})
export class BroadcastModule extends ConfigurableModuleClass {}
