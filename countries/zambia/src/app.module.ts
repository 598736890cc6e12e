import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule, type MigrationList, type MwanaConfig } from '@mwana/core';
import { BroadcastModule, broadcastConfig } from '@mwana/app-broadcast';
import { LabResultsModule, labresultsConfig } from '@mwana/app-labresults';
import { LocationsModule, locationsConfig } from '@mwana/app-locations';
import { RemindersModule, remindersConfig } from '@mwana/app-reminders';

/** What Zambia runs: core and the shared apps, each with its own section of the config chain. */
@Module({})
export class AppModule {
  static forRoot(
    config: MwanaConfig,
    options: { version: string; migrations: MigrationList; localeDirs: readonly string[] },
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ config, ...options }),
        LocationsModule.forRoot(config.section(locationsConfig)),
        LabResultsModule.forRoot(config.section(labresultsConfig)),
        RemindersModule.forRoot(config.section(remindersConfig)),
        BroadcastModule.forRoot(config.section(broadcastConfig)),
      ],
    };
  }
}
