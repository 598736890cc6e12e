import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { MessageRecord, type OutboundStatus } from '../messaging/message.entity';

export type ReportedStatus = 'sent' | 'delivered' | 'failed';

/** How far along a message is: a report never moves it back (delivered is final). */
const RANK: Record<OutboundStatus, number> = {
  queued: 0,
  retrying: 0,
  sending: 1,
  sent: 2,
  failed: 3,
  delivered: 4,
  cancelled: 5,
};

/**
 * Delivery reports (Kannel dlr-url, Twilio status callbacks, the tester) move outbound
 * messages, in any order and any number of times: `delivered` wins over everything, a
 * `failed` report does not undo a delivery, a late `sent` changes nothing.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger('Outbox');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** False when no outbound message matches the reference. */
  async report(
    backend: string,
    ref: { messageId?: string; providerId?: string },
    status: ReportedStatus,
    reason?: string,
  ): Promise<boolean> {
    const repo = this.dataSource.getRepository(MessageRecord);
    const message = ref.messageId
      ? await repo.findOneBy({ id: ref.messageId, direction: 'out', backend })
      : ref.providerId
        ? await repo.findOneBy({ providerId: ref.providerId, direction: 'out', backend })
        : null;
    if (!message) return false;
    const current = message.status as OutboundStatus;
    if (RANK[status] <= RANK[current]) return true;
    const now = this.clock.now();
    const changes: Partial<MessageRecord> = { status, updatedAt: now };
    if (status === 'delivered') Object.assign(changes, { deliveredAt: now, error: null, leaseUntil: null });
    if (status === 'failed')
      Object.assign(changes, { failedAt: now, error: reason ?? 'the gateway reported a failure', leaseUntil: null });
    if (status === 'sent') Object.assign(changes, { sentAt: message.sentAt ?? now });
    // Only from the status we read: a concurrent report that got further first wins.
    const result = await repo.update({ id: message.id, status: current }, changes);
    if (result.affected === 0) return this.report(backend, ref, status, reason);
    this.logger.log(`out #${message.id} ${current} -> ${status}${reason ? ` (${reason})` : ''}`);
    return true;
  }
}
