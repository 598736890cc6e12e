import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const INBOUND_STATUSES = ['received', 'handled', 'unhandled', 'errored'] as const;
export const OUTBOUND_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'retrying', 'failed', 'cancelled'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];
export type MessageStatus = InboundStatus | OutboundStatus;
export type Direction = 'in' | 'out';
/** Replies go out ahead of bulk sends. */
export type Priority = 'reply' | 'bulk';

/** Every SMS in or out, as received or as sent, with what happened to it. */
@Entity({ name: 'message' })
@Index('message_connection_idx', ['connectionId', 'id'])
export class MessageRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'varchar', length: 3 })
  direction!: Direction;

  @Column({ name: 'connection_id', type: 'integer' })
  connectionId!: number;

  @Column({ name: 'contact_id', type: 'integer', nullable: true })
  contactId!: number | null;

  /** The text exactly as received (inbound) or as sent (outbound). */
  @Column({ type: 'text' })
  text!: string;

  /**
   * Inbound: the text as received when `text` could not hold it exactly (NUL, a lone
   * surrogate: `{"text": "<JSON-escaped>"}`; bytes no charset reads: `{"bytes": "<hex>", ...}`);
   * null when `text` is exactly what came. `originalText` in text/ reads it back.
   */
  @Column({ type: 'text', nullable: true })
  original!: string | null;

  /**
   * Inbound, until routed: the text and original as received, sealed (`InboundSeal`); `text`
   * shows `UNROUTED_TEXT` meanwhile. Routing writes the text back, masked, and sets it null,
   * unless something was masked: then the exact text stays sealed (nothing a user sent is lost).
   */
  @Column({ type: 'text', nullable: true })
  sealed!: string | null;

  /** Inbound only: the text after the parse phase cleaned it. */
  @Column({ name: 'cleaned_text', type: 'text', nullable: true })
  cleanedText!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: MessageStatus;

  /** The gateway's id for this message (Kannel, Twilio ...): inbound dedupe, delivery reports. */
  @Column({ name: 'provider_id', type: 'varchar', length: 255, nullable: true })
  providerId!: string | null;

  @Column({ name: 'in_response_to_id', type: 'bigint', nullable: true })
  inResponseToId!: string | null;

  /** Inbound: the app that handled it; outbound: the app that sent it. */
  @Column({ name: 'handled_by', type: 'varchar', length: 60, nullable: true })
  handledBy!: string | null;

  @Column({ name: 'handled_by_handler', type: 'varchar', length: 80, nullable: true })
  handledByHandler!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  encoding!: 'GSM-7' | 'UCS-2' | null;

  @Column({ type: 'smallint', nullable: true })
  segments!: number | null;

  @Column({ type: 'varchar', length: 5, default: 'reply' })
  priority!: Priority;

  /** Outbound: the configured gateway that sends it (the recipient connection's); the column keeps its first name. */
  @Column({ name: 'backend', type: 'varchar', length: 40, nullable: true })
  gateway!: string | null;

  /** Outbound: what kind of message an app queued, when the app makes its text at send time (`SendTimeText`). */
  @Column({ type: 'varchar', length: 60, nullable: true })
  kind!: string | null;

  /** Of a text split into several SMS: this SMS's number, from 1; null for a text of one SMS. */
  @Column({ type: 'smallint', nullable: true })
  part!: number | null;

  /** A later part of a split text: its first part, the message the API and console show. */
  @Column({ name: 'part_of_id', type: 'bigint', nullable: true })
  partOfId!: string | null;
  /** Outbound: what the kind's send-time text makes the text from (row ids, or a sealed text); never a secret in clear. */
  @Column({ type: 'text', nullable: true })
  ref!: string | null;

  @Column({ type: 'smallint', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** Claimed by a sender or worker until then; after it, another may take the message. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  /** Outbound, while `sending`: the process that holds it (`process_heartbeat.name`). */
  @Column({ name: 'claimed_by', type: 'varchar', length: 200, nullable: true })
  claimedBy!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  /** From the app's clock (not the database's), so tests with a fake clock see their own time. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
