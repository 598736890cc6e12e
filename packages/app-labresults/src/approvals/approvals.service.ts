import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull, Not } from 'typeorm';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { type ApprovalStatus, WorkerApproval } from './worker-approval.entity';

/**
 * New clinic workers' standing (`clinic_worker_approval`): asked for at JOIN where the
 * country requires approval, decided by a help admin or an approved worker of the clinic.
 * A worker with no row is approved (they joined before approval was required).
 */
@Injectable()
export class ApprovalsService {
  constructor(@Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings) {}

  get required(): boolean {
    return this.settings.approveClinicWorkers;
  }

  /** The approval statuses results are withheld for: refused, and waiting where approval is required. */
  get withheldStatuses(): ApprovalStatus[] {
    return this.required ? ['pending', 'rejected'] : ['rejected'];
  }

  async statusOf(contactId: number, db: EntityManager): Promise<ApprovalStatus> {
    return (await db.findOneBy(WorkerApproval, { contactId }))?.status ?? 'approved';
  }

  /** Of these contacts, those results must not reach: refused, or waiting where approval is required. */
  async withheld(contactIds: readonly number[], db: EntityManager): Promise<Set<number>> {
    if (contactIds.length === 0) return new Set();
    const rows = await db.find(WorkerApproval, {
      select: { contactId: true },
      where: { contactId: In([...contactIds]), status: In(this.withheldStatuses) },
    });
    return new Set(rows.map((r) => r.contactId));
  }

  /** A new clinic worker waits for approval; a decision made before stands. Returns the standing. */
  async request(contactId: number, clinicId: number, now: Date, db: EntityManager): Promise<ApprovalStatus> {
    // A request just written is pending (RETURNING says so); a decision made before stands, and is read.
    const written: unknown[] = await db.query(
      `INSERT INTO clinic_worker_approval (contact_id, clinic_id, status, requested_at) VALUES ($1, $2, 'pending', $3)
       ON CONFLICT (contact_id) DO NOTHING RETURNING status`,
      [contactId, clinicId, now],
    );
    return written.length > 0 ? 'pending' : this.statusOf(contactId, db);
  }

  /** Records a decision; `told` when the worker is told in the same transaction (an SMS decision). */
  async decide(
    contactId: number,
    clinicId: number,
    status: Exclude<ApprovalStatus, 'pending'>,
    by: string,
    now: Date,
    told: boolean,
    db: EntityManager,
  ): Promise<void> {
    await db.query(
      `INSERT INTO clinic_worker_approval (contact_id, clinic_id, status, requested_at, decided_at, decided_by, told_at)
       VALUES ($1, $2, $3, $4, $4, $5, $6)
       ON CONFLICT (contact_id) DO UPDATE SET status = $3, decided_at = $4, decided_by = $5, told_at = $6`,
      [contactId, clinicId, status, now, by.slice(0, 100), told ? now : null],
    );
  }

  /** Waiting workers, oldest first (the console's list). */
  pending(db: EntityManager): Promise<WorkerApproval[]> {
    return db.find(WorkerApproval, { where: { status: 'pending' }, order: { requestedAt: 'ASC', contactId: 'ASC' } });
  }

  /** The latest decisions, newest first. */
  decided(limit: number, db: EntityManager): Promise<WorkerApproval[]> {
    return db.find(WorkerApproval, {
      where: { status: Not('pending') },
      order: { decidedAt: 'DESC', contactId: 'DESC' },
      take: limit,
    });
  }

  /** Decisions the worker has not been told of yet (made in the console). */
  untold(db: EntityManager): Promise<WorkerApproval[]> {
    return db.find(WorkerApproval, {
      where: { status: Not('pending'), toldAt: IsNull() },
      order: { decidedAt: 'ASC', contactId: 'ASC' },
    });
  }

  async markTold(contactIds: readonly number[], now: Date, db: EntityManager): Promise<void> {
    if (contactIds.length > 0) await db.update(WorkerApproval, { contactId: In([...contactIds]) }, { toldAt: now });
  }
}
