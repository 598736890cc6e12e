import { Module } from '@nestjs/common';
import { ConsoleModule } from '../console/console.module';
import { ApiMessageSender } from './message-sender.service';
import { MessagesApiController } from './messages-api.controller';
import { OpenApiController } from './openapi.controller';

/** `/api/messages` for scripts and external test suites, described at `/api/openapi.json`. */
@Module({
  imports: [ConsoleModule],
  controllers: [MessagesApiController, OpenApiController],
  providers: [ApiMessageSender],
})
export class ApiModule {}
