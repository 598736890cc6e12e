import { Module } from '@nestjs/common';
import { ConsoleModule } from '../console/console.module';
import { MessagesApiController } from './messages-api.controller';
import { OpenApiController } from './openapi.controller';

/** `/api/messages` for scripts and external test suites, described at `/api/openapi.json`. */
@Module({
  imports: [ConsoleModule],
  controllers: [MessagesApiController, OpenApiController],
})
export class ApiModule {}
