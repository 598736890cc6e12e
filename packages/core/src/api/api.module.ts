import { Module } from '@nestjs/common';
import { ConsoleModule } from '../console/console.module';
import { ContactsApiController } from './contacts-api.controller';
import { CoreOperations } from './core-operations';
import { ApiMessageSender } from './message-sender.service';
import { MessagesApiController } from './messages-api.controller';
import { OpenApiController } from './openapi.controller';
import { OpenApiRegistryModule } from './openapi-registry';

/**
 * `/api/messages` and `/api/contacts` for scripts and other systems, described at `/api/openapi.json` (generated
 * from the routes' zod schemas and every module's `OpenApiRegistry` entries).
 */
@Module({
  imports: [ConsoleModule, OpenApiRegistryModule],
  controllers: [MessagesApiController, ContactsApiController, OpenApiController],
  providers: [ApiMessageSender, CoreOperations],
})
export class ApiModule {}
