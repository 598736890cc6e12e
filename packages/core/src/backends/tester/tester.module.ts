import { Module } from '@nestjs/common';
import { ConsoleModule } from '../../console/console.module';
import { TesterBackend } from './tester.backend';
import { TesterController } from './tester.controller';
import { TesterPage } from './tester.page';
import { TesterService } from './tester.service';

/**
 * The message tester: the `tester` gateway type, its JSON endpoint
 * (`/backends/<name>/messages`) and the console page `/console/tester`. Uses the
 * InboundService of the (global) BackendsModule.
 */
@Module({
  imports: [ConsoleModule],
  controllers: [TesterController],
  providers: [TesterBackend, TesterService, TesterPage],
  exports: [TesterService],
})
export class TesterModule {}
