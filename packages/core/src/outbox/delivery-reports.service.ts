import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { GatewayReports, type ReportedMessage, type ReportedStatus } from '../gateways/gateway-inbox';
import { OutboundRepository } from '../message-log/outbound.repository';
import { OutgoingHooks } from './outgoing-hooks';
import { OUTBOX, REPORTED } from './outbox-transitions';

/**
 * Delivery reports (Kannel dlr-url, Twilio status callbacks, Africa's Talking's, the tester)
 * move outbound messages along the outbox's transitions, in any order and any number of
 * times: `delivered` wins over everything, a `failed` report does not undo a delivery, a late
 * `sent` changes nothing. Two reports at once for one message are taken one after the other.
 */
@Injectable()
export class DeliveryReports extends GatewayReports {
  private readonly logger = new Logger('DeliveryReports');

  constructor(
    private readonly repository: OutboundRepository,
    private readonly clock: Clock,
    private readonly hooks: OutgoingHooks,
  ) {
    super();
  }

  async report(gateway: string, ref: ReportedMessage, status: ReportedStatus, reason?: string): Promise<boolean> {
    const step = OUTBOX[REPORTED[status]];
    const error = status === 'failed' ? (reason ?? 'the gateway reported a failure') : null;
    const moved = await this.repository.report(gateway, ref, step, error, this.clock.now());
    if (!moved) return false;
    if (moved.previous !== 'unmoved') {
      this.logger.log(`out #${moved.id} ${moved.previous} -> ${status}${reason ? ` (${reason})` : ''}`);
      await this.hooks.settled([{ id: moved.id, status, error }]);
    }
    return true;
  }
}
