import { type JobRunner, ScheduledJob, type SettledMessage } from '@mwana/core';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RESULTS_SMS, ResultsSmsText } from './results-sms.text';

/** How a recovery ended: results settled as sent, put back as waiting, and left on their way. */
export interface Recovered {
  readonly sent: number;
  readonly putBack: number;
  readonly onTheirWay: number;
}

/** The newest results SMS that carries each result still `sending`, and where that SMS stands. */
interface Carried {
  readonly result_id: number;
  readonly id: string | null;
  readonly status: string | null;
  readonly ref: string | null;
  readonly error: string | null;
  readonly contact_id: number | null;
  readonly connection_id: number | null;
  readonly gateway: string | null;
}

/**
 * Results left `sending` by a crash between the sender's record of the gateway's answer and
 * `ResultsSmsText.settled` (docs/keywords.md#pin-reply): on start, and hourly, each is settled
 * by the newest results SMS that carries it, as `settled` would have: sent (or delivered),
 * the results sent with their disclosure; failed for good (or cancelled by an app), back as
 * waiting, the worker and the help admins told; still queued or on its way, left as it is.
 * Settling is idempotent, so a recovery racing a live sender settles each once.
 */
@ScheduledJob({
  name: 'labresults.recover-sending-results',
  cron: '20 * * * *',
  description: 'settle results a crash left sending, by their results SMS',
})
export class ResultsRecovery implements JobRunner, OnApplicationBootstrap {
  private readonly logger = new Logger('ResultsRecovery');

  constructor(
    private readonly dataSource: DataSource,
    private readonly texts: ResultsSmsText,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.run().catch((error: Error) =>
      this.logger.error(`recovery on start failed: ${error.message}`, error.stack),
    );
  }

  async run(): Promise<void> {
    const { sent, putBack, onTheirWay } = await this.recover();
    if (sent + putBack > 0)
      this.logger.log(`results left sending: ${sent} sent, ${putBack} waiting again, ${onTheirWay} still on their way`);
  }

  async recover(): Promise<Recovered> {
    return this.dataSource.transaction(async (db) => {
      const carried: Carried[] = await db.query(
        `SELECT r.id AS result_id, m.id::text AS id, m.status, m.ref, m.error, m.contact_id, m.connection_id, m.backend AS gateway
           FROM lab_result r
           LEFT JOIN LATERAL (
             SELECT * FROM message m
              WHERE m.kind = $1 AND m.direction = 'out' AND m.ref::jsonb @> jsonb_build_array(jsonb_build_array(r.id))
                -- @> also matches a line's withDates flag: the id must be a line's first item.
                AND EXISTS (SELECT 1 FROM jsonb_array_elements(m.ref::jsonb) e WHERE (e->>0)::int = r.id)
              ORDER BY m.id DESC LIMIT 1) m ON true
          WHERE r.notification_status = 'sending'
          ORDER BY r.id
          FOR UPDATE OF r SKIP LOCKED`,
        [RESULTS_SMS],
      );
      const settled = new Map<string, SettledMessage>();
      let onTheirWay = 0;
      for (const c of carried) {
        const status = settledAs(c.status);
        if (c.id === null || status === null) {
          onTheirWay++;
          continue;
        }
        settled.set(c.id, {
          id: c.id,
          kind: RESULTS_SMS,
          ref: c.ref,
          status,
          error: c.error ?? (c.status === 'cancelled' ? 'cancelled' : null),
          contactId: c.contact_id,
          connectionId: c.connection_id!,
          gateway: c.gateway ?? '',
        });
      }
      await this.texts.settled([...settled.values()], db);
      const failed = carried.filter((c) => c.id !== null && settled.get(c.id)?.status === 'failed').length;
      return { sent: carried.length - onTheirWay - failed, putBack: failed, onTheirWay };
    });
  }
}

/** The outcome a results SMS's status settles its results with; null while it may still go. */
function settledAs(status: string | null): SettledMessage['status'] | null {
  if (status === 'sent' || status === 'delivered') return status;
  if (status === 'failed' || status === 'cancelled') return 'failed';
  return null;
}
