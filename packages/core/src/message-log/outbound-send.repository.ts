import { Injectable } from '@nestjs/common';
import { type PgQueryable, runCustom, runPrepared } from '../database/prepared';
import { storableOnly } from '../text/storable-text';
import type { OutboundStatus, Priority } from './message.entity';

/** A message the sender took: what to send, to whom, through which gateway. */
export interface ClaimedRow {
  readonly id: string;
  readonly text: string;
  readonly encoding: 'GSM-7' | 'UCS-2' | null;
  readonly gateway: string;
  readonly identity: string;
  readonly kind: string | null;
  readonly priority: Priority;
  readonly ref: string | null;
  /** When it was written: how long it has waited (a paused gateway's age limit). */
  readonly createdAt: Date;
  /** The text this SMS is a part of: its first part's id (`part_of_id`), or its own when it is the first or only part. */
  readonly textId: string;
}

/** The parts of one written text name its first part, as the API and the console show them. */
export function partOf(row: ClaimedRow): string {
  return row.textId;
}

/** What the sender learnt of one message: its new status, the gateway's id, the reason and the next try. */
export interface Outcome {
  readonly id: string;
  readonly status: OutboundStatus;
  readonly providerId: string | null;
  readonly error: string | null;
  readonly nextAttemptAt: Date | null;
}

/** Statements to run in the WITH list of another (their own parameters numbered from `first`), and their values. */
export interface StatementPart {
  sql(first: number): string;
  readonly values: readonly unknown[];
}

/**
 * The sender's SQL of outbound rows of the `message` table (the write of replies and delivery
 * reports: `OutboundRepository`): its claim (the sender's own, with its queue jobs, is
 * `BatchClaim`), the hand-back of what a stopped sender left in `sending`, and its record
 * of outcomes. Every status change takes the statuses it may leave from the outbox's
 * transition table (`OUTBOX`), as parameters; the trigger of migration `Outbox` keeps each
 * change in `message_event`.
 */
@Injectable()
export class OutboundSendRepository {
  /**
   * Moves the messages still in a `from` status to `to`, counting the attempt, and reads what
   * to send. Planned for each batch (`runCustom`): a plan kept from when the table was small
   * scans it whole once it is not.
   */
  async claim(
    client: PgQueryable,
    claims: ReadonlyArray<{ readonly messageId: string; readonly attempt: number }>,
    step: { readonly from: readonly OutboundStatus[]; readonly to: OutboundStatus },
    at: Date,
    claimedBy: string | null = null,
  ): Promise<ClaimedRow[]> {
    const { rows } = await runCustom<ClaimedRow>(
      client,
      `UPDATE message m SET status = $5, attempts = a.attempt, lease_until = NULL, updated_at = $1, claimed_by = $6
         FROM connection c, unnest($2::bigint[], $3::int[]) AS a(id, attempt)
        WHERE m.id = a.id AND m.id = ANY($2::bigint[]) AND c.id = m.connection_id AND m.direction = 'out' AND m.status = ANY($4::varchar[])
       RETURNING m.id::text AS id, m.text, m.encoding, m.backend AS gateway, c.identity, m.kind, m.priority, m.ref,
                 m.created_at AS "createdAt", coalesce(m.part_of_id, m.id)::text AS "textId"`,
      [at, claims.map((c) => c.messageId), claims.map((c) => c.attempt), step.from, step.to, claimedBy],
    );
    return rows;
  }

  /**
   * Hands back the messages these processes (dead, or this one in an earlier life) left in
   * `sending`: `to` (retrying, due now), with a history that says the SMS may have gone
   * twice. Answers their ids, for their jobs.
   */
  async handBack(
    client: PgQueryable,
    processes: readonly string[],
    step: { readonly from: readonly OutboundStatus[]; readonly to: OutboundStatus },
    at: Date,
  ): Promise<string[]> {
    if (processes.length === 0) return [];
    const { rows } = await runPrepared<{ id: string }>(
      client,
      `UPDATE message SET status = $3, next_attempt_at = $1, updated_at = $1, claimed_by = NULL,
              error = 'may have gone twice: its sender ' || claimed_by || ' stopped mid-send'
        WHERE direction = 'out' AND status = ANY($4::varchar[]) AND claimed_by = ANY($2::varchar[])
       RETURNING id::text AS id`,
      [at, processes, step.to, step.from],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Records the sender's outcomes, all in one statement; only on messages still in `from` (a
   * report may have moved one on). `also`: more changes to make in the same statement (the
   * outcomes' queue jobs), atomic with it without a transaction. Planned for each batch, as
   * the claim is.
   */
  async record(
    client: PgQueryable,
    outcomes: readonly Outcome[],
    from: readonly OutboundStatus[],
    at: Date,
    also?: StatementPart,
  ): Promise<void> {
    if (outcomes.length === 0 && !also) return;
    const column = <T>(pick: (o: Outcome) => T): T[] => outcomes.map(pick);
    await runCustom(
      client,
      `${also ? `WITH ${also.sql(8)} ` : ''}UPDATE message m SET status = f.status, provider_id = coalesce(f.provider_id, m.provider_id), error = f.error, claimed_by = NULL,
              next_attempt_at = f.next_attempt_at, updated_at = $1,
              sent_at = CASE WHEN f.status IN ('sent', 'delivered') THEN $1 ELSE m.sent_at END,
              delivered_at = CASE WHEN f.status = 'delivered' THEN $1 ELSE m.delivered_at END,
              failed_at = CASE WHEN f.status = 'failed' THEN $1 ELSE m.failed_at END
         FROM unnest($2::bigint[], $3::varchar[], $4::varchar[], $5::text[], $6::timestamptz[]) AS f(id, status, provider_id, error, next_attempt_at)
        WHERE m.id = f.id AND m.status = ANY($7::varchar[])`,
      [
        at,
        column((o) => o.id),
        column((o) => o.status),
        column((o) => o.providerId),
        column((o) => (o.error === null ? null : storableOnly(o.error))),
        column((o) => o.nextAttemptAt),
        from,
        ...(also?.values ?? []),
      ],
    );
  }
}
