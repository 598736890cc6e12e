import { Module } from '@nestjs/common';
import { ConsoleModule } from '../console/console.module';
import { TesterController } from './tester.controller';
import { TesterPage } from './tester.page';
import { TesterService } from './tester.service';

/**
 * The message tester: a JSON endpoint (`/backends/<name>/messages`) and the console page
 * `/console/tester` that type SMS as any phone through a gateway of type `tester`
 * (`gateways/tester`), and show each phone's thread.
 */
@Module({
  imports: [ConsoleModule],
  controllers: [TesterController],
  providers: [TesterService, TesterPage],
  exports: [TesterService],
})
export class TesterModule {}
