import { type DynamicModule, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { APP_VERSION, HealthService } from './health.service';

@Module({})
export class HealthModule {
  static forRoot(version: string): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [HealthService, { provide: APP_VERSION, useValue: version }],
      exports: [HealthService],
    };
  }
}
