import type { Connection } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LabResult } from '../entities/lab-result.entity';
import { type DisclosureVia, ResultDisclosure } from '../entities/result-disclosure.entity';

/** Writes the disclosure record: every result that leaves, in the transaction that sends it. */
@Injectable()
export class DisclosureService {
  async record(
    results: readonly LabResult[],
    to: { contactId: number; connection: Connection },
    via: DisclosureVia,
    at: Date,
    db: EntityManager,
  ): Promise<void> {
    if (results.length === 0) return;
    await db.insert(
      ResultDisclosure,
      results.map((r) => ({
        resultId: r.id,
        contactId: to.contactId,
        connectionId: to.connection.id,
        channel: to.connection.backend,
        via,
        disclosedAt: at,
      })),
    );
  }

  /**
   * Results carried by an SMS the gateway took: sent (`result_sent_date` kept from the first
   * time), and recorded as disclosed once per SMS and result, however often it is told (not
   * when the SMS went to no contact). One statement.
   */
  async recordSent(
    resultIds: readonly number[],
    sms: { messageId: string; contactId: number | null; connectionId: number; gateway: string },
    at: Date,
    db: EntityManager,
  ): Promise<void> {
    if (resultIds.length === 0) return;
    await db.query(
      `WITH sent AS (
         UPDATE lab_result SET notification_status = 'sent', result_sent_date = coalesce(result_sent_date, $5)
          WHERE id = ANY($1) AND notification_status IN ('sending', 'new', 'notified'))
       INSERT INTO result_disclosure (result_id, contact_id, connection_id, channel, via, disclosed_at, message_id)
       SELECT r, $2, $3, $4, 'pin', $5, $6 FROM unnest($1::int[]) AS r WHERE $2::integer IS NOT NULL
       ON CONFLICT (message_id, result_id) WHERE message_id IS NOT NULL DO NOTHING`,
      [resultIds, sms.contactId, sms.connectionId, sms.gateway, at, sms.messageId],
    );
  }
}
