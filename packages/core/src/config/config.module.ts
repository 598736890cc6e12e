import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MwanaConfig } from './mwana-config';

/**
 * Makes the validated config injectable: `MwanaConfig` for typed sections and Nest's
 * `ConfigService` for dotted keys. The chain is loaded and validated before Nest starts.
 */
@Global()
@Module({})
export class MwanaConfigModule {
  static forRoot(config: MwanaConfig): DynamicModule {
    return {
      module: MwanaConfigModule,
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...config.values })] }),
      ],
      providers: [{ provide: MwanaConfig, useValue: config }],
      exports: [MwanaConfig, ConfigModule],
    };
  }
}
