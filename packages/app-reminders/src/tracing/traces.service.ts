import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { titleCase } from '../names';
import type { RemindersSettings } from '../reminders.config';
import { REMINDERS_OPTIONS } from '../reminders.module-definition';
import { PatientTrace, type TraceInitiator, type TraceStatus } from './patient-trace.entity';

/** A trace to open. */
export interface TraceSpec {
  readonly name: string;
  readonly kind: string;
  readonly initiator: TraceInitiator;
  readonly initiatorContactId: number | null;
  readonly clinicId: number | null;
  readonly patientEventId?: number | null;
  readonly status?: TraceStatus;
}

const DAY_MS = 86_400_000;

/** Names as a trace keeps them: title case, 50 characters at most. */
export function traceName(name: string): string {
  return titleCase(name).slice(0, 50);
}

/**
 * Patient traces and their states (docs/keywords.md#trace): new (agents asked to find the
 * patient) -> told (an agent told them to come) -> awaiting_confirm (the agent was asked to
 * confirm) -> confirmed (the agent saw them come).
 */
@Injectable()
export class Traces {
  constructor(@Inject(REMINDERS_OPTIONS) private readonly settings: RemindersSettings) {}

  async open(spec: TraceSpec, now: Date, db: EntityManager): Promise<PatientTrace> {
    const [id] = await this.openMany([spec], now, db);
    return db.findOneByOrFail(PatientTrace, { id });
  }

  /** Opens traces in one statement (the reminders job opens one per reminder); their ids, in order. */
  async openMany(specs: readonly TraceSpec[], now: Date, db: EntityManager): Promise<number[]> {
    if (specs.length === 0) return [];
    const rows: Array<{ id: number }> = await db.query(
      `INSERT INTO patient_trace (name, kind, initiator, initiator_contact_id, clinic_id, patient_event_id, status, started_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::text[], $8::timestamptz[])
       RETURNING id`,
      [
        specs.map((s) => traceName(s.name)),
        specs.map((s) => s.kind),
        specs.map((s) => s.initiator),
        specs.map((s) => s.initiatorContactId),
        specs.map((s) => s.clinicId),
        specs.map((s) => s.patientEventId ?? null),
        specs.map((s) => s.status ?? 'new'),
        specs.map(() => now),
      ],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The oldest trace of this name (any case) at the clinic, in one of the states, started within
   * `traceWindowDays`; locked, so that two agents answering at once move it once.
   */
  findOpen(
    spec: { name: string; clinicId: number | null; statuses: readonly TraceStatus[] },
    now: Date,
    db: EntityManager,
  ): Promise<PatientTrace | null> {
    return db
      .getRepository(PatientTrace)
      .createQueryBuilder('t')
      .where('t.clinic_id IS NOT DISTINCT FROM :clinic', { clinic: spec.clinicId })
      .andWhere('lower(t.name) = lower(:name)', { name: spec.name })
      .andWhere('t.status = ANY(:statuses)', { statuses: [...spec.statuses] })
      .andWhere('t.started_at >= :since', { since: new Date(now.getTime() - this.settings.traceWindowDays * DAY_MS) })
      .orderBy('t.started_at')
      .addOrderBy('t.id')
      .limit(1)
      .setLock('pessimistic_write')
      .getOne();
  }

  /** TOLD: the agent told the patient. */
  async told(trace: PatientTrace, agentId: number, now: Date, db: EntityManager): Promise<void> {
    await db.update(PatientTrace, trace.id, { status: 'told', toldAt: now, messengerId: agentId });
  }

  /** CONFIRM: the agent saw the patient come; the messenger stays whoever told them (or is this agent). */
  async confirmed(trace: PatientTrace, agentId: number, now: Date, db: EntityManager): Promise<void> {
    await db.update(PatientTrace, trace.id, {
      status: 'confirmed',
      confirmedAt: now,
      confirmedById: agentId,
      messengerId: trace.messengerId ?? agentId,
    });
  }

  /**
   * Traces told `confirmAfterDays` ago or more and not confirmed, moved to awaiting_confirm in
   * this statement: a trace is moved (and its agent asked) once, however many runs there are.
   */
  async takeDueForConfirmation(now: Date, db: EntityManager): Promise<PatientTrace[]> {
    // An UPDATE answers [rows, count].
    const [rows]: [Array<{ id: number; name: string; messenger_id: number | null }>, number] = await db.query(
      `UPDATE patient_trace SET status = 'awaiting_confirm', confirm_reminded_at = $1
        WHERE status = 'told' AND told_at <= $2
       RETURNING id, name, messenger_id`,
      [now, new Date(now.getTime() - this.settings.confirmAfterDays * DAY_MS)],
    );
    return rows.map((r) => Object.assign(new PatientTrace(), { id: r.id, name: r.name, messengerId: r.messenger_id }));
  }
}
