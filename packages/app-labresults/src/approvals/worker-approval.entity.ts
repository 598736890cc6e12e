import { Column, Entity, PrimaryColumn } from 'typeorm';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * A clinic worker's standing where approval is required: waiting, approved or refused, who
 * decided and when, and when the worker was told. A clinic worker without a row joined
 * before approval was required, and is approved.
 */
@Entity({ name: 'clinic_worker_approval' })
export class WorkerApproval {
  @PrimaryColumn({ name: 'contact_id', type: 'integer' })
  contactId!: number;

  @Column({ name: 'clinic_id', type: 'integer' })
  clinicId!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: ApprovalStatus;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** `console user ana`, `contact #12 by SMS`. */
  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy!: string | null;

  /** When the worker was told of the decision (a console decision is told by the approval-notices job). */
  @Column({ name: 'told_at', type: 'timestamptz', nullable: true })
  toldAt!: Date | null;
}
