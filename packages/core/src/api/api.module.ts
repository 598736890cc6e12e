import { Module } from '@nestjs/common';
import { ConsoleModule } from '../console/console.module';
import { CoreOperations } from './core-operations';
import { ApiMessageSender } from './message-sender.service';
import { MessagesApiController } from './messages-api.controller';
import { OpenApiController } from './openapi.controller';
import { OpenApiRegistryModule } from './openapi-registry';

/**
 * `/api/messages` for scripts and other systems, described at `/api/openapi.json` (generated
 * from the routes' zod schemas and every module's `OpenApiRegistry` entries).
 */
@Module({
  imports: [ConsoleModule, OpenApiRegistryModule],
  controllers: [MessagesApiController, OpenApiController],
  providers: [ApiMessageSender, CoreOperations],
})
export class ApiModule {}
