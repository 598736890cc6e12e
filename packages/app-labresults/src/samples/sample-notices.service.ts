import { Clock, type Contact, type IncomingMessage } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { type SampleNoticeKind, SampleNotification } from './sample-notification.entity';

/** Records SENT and RECEIVED reports, with the SMS as sent. */
@Injectable()
export class SampleNotices {
  constructor(private readonly clock: Clock) {}

  async record(
    msg: IncomingMessage,
    contact: Contact,
    notice: { kind: SampleNoticeKind; locationId: number; clinicId?: number; count: number },
  ): Promise<void> {
    await msg.db.insert(SampleNotification, {
      ...notice,
      clinicId: notice.clinicId ?? null,
      contactId: contact.id,
      text: msg.rawText,
      reportedAt: this.clock.now(),
    });
  }
}
