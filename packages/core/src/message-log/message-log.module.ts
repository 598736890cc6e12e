import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InboundSeal } from './inbound-seal';
import { InboundRepository } from './inbound.repository';
import { MessageHistoryRepository } from './message-history.repository';
import { MessageActivity } from './message-activity.repository';
import { MessageRecord } from './message.entity';
import { MessageStatuses } from './message-statuses.repository';
import { OutboundSendRepository } from './outbound-send.repository';
import { OutboundRepository } from './outbound.repository';

/** The `message` table: every SMS in or out, and the one place its SQL is spelt (a repository per direction). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([MessageRecord])],
  providers: [
    InboundSeal,
    InboundRepository,
    OutboundRepository,
    OutboundSendRepository,
    MessageStatuses,
    MessageActivity,
    MessageHistoryRepository,
  ],
  exports: [
    InboundSeal,
    InboundRepository,
    OutboundRepository,
    OutboundSendRepository,
    MessageStatuses,
    MessageActivity,
    MessageHistoryRepository,
    TypeOrmModule,
  ],
})
export class MessageLogModule {}
