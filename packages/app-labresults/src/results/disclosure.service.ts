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
}
