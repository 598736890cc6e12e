import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConsoleModule } from '../console/console.module';
import { DemoCommand } from './demo.command';
import { TesterController } from './tester.controller';
import { TesterPage } from './tester.page';
import { TesterService } from './tester.service';

/**
 * The message tester: a JSON endpoint (`/backends/<name>/messages`) and the console page
 * `/console/tester` that type SMS as any phone through a gateway of type `tester`
 * (`gateways/tester`), and show each phone's thread; `mwana demo seed` types the demo's SMS
 * through it (`@DemoSeed`).
 */
@Module({
  imports: [ConsoleModule, DiscoveryModule],
  controllers: [TesterController],
  providers: [TesterService, TesterPage, DemoCommand],
  exports: [TesterService],
})
export class TesterModule {}
