import { Clock, ContactsService } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { BlacklistError, BlacklistErrorCode } from './blacklist.error';
import { BlockedPhone } from './blocked-phone.entity';

type Row = Record<string, unknown>;

function blockOf(db: EntityManager, row: Row): BlockedPhone {
  return db.create(BlockedPhone, {
    id: row.id as number,
    identity: row.identity as string,
    reason: (row.reason as string | null) ?? null,
    blockedBy: row.blocked_by as string,
    blockedAt: row.blocked_at as Date,
    unblockedBy: (row.unblocked_by as string | null) ?? null,
    unblockedAt: (row.unblocked_at as Date | null) ?? null,
    adminsToldAt: (row.admins_told_at as Date | null) ?? null,
  });
}

/**
 * The blacklist (docs/keywords.md#blacklist): the one place that spells `blocked_phone`'s SQL.
 * Phones are read in any form a person writes them and kept as connections store them, so
 * a block matches the sender's connection exactly. At most one block is in force per phone
 * (a partial unique index), so two operators blocking one phone at once make one block.
 */
@Injectable()
export class BlacklistService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The block in force on a sender's identity (a connection's), if any. Every SMS asks, so it
   * is one indexed statement on the pool, outside the routing transaction; read each time
   * rather than cached, so a block made by another process (the console, `mwana blacklist`)
   * holds from the next SMS on.
   */
  async inForce(identity: string): Promise<BlockedPhone | null> {
    const db = this.dataSource.manager;
    const rows: Row[] = await db.query(
      'SELECT * FROM blocked_phone WHERE identity = $1 AND unblocked_at IS NULL LIMIT 1',
      [identity],
    );
    return rows[0] ? blockOf(db, rows[0]) : null;
  }

  async block(phone: string, by: string, reason?: string): Promise<BlockedPhone> {
    const identity = this.identityOf(phone);
    const why = reason?.trim() || null;
    if (why !== null && why.length > 200) {
      throw new BlacklistError(BlacklistErrorCode.BadReason, 'A reason is at most 200 characters.');
    }
    const db = this.dataSource.manager;
    const rows: Row[] = await db.query(
      `INSERT INTO blocked_phone (identity, reason, blocked_by, blocked_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (identity) WHERE unblocked_at IS NULL DO NOTHING RETURNING *`,
      [identity, why, by, this.clock.now()],
    );
    if (rows.length === 0)
      throw new BlacklistError(BlacklistErrorCode.AlreadyBlocked, `${identity} is already blocked.`);
    return blockOf(db, rows[0]);
  }

  /** Lifts the block in force on a phone; the row stays, with who lifted it and when. */
  async unblock(phone: string, by: string): Promise<BlockedPhone> {
    const identity = this.identityOf(phone);
    const db = this.dataSource.manager;
    const [rows]: [Row[], number] = await db.query(
      `UPDATE blocked_phone SET unblocked_by = $2, unblocked_at = $3
        WHERE identity = $1 AND unblocked_at IS NULL RETURNING *`,
      [identity, by, this.clock.now()],
    );
    if (rows.length === 0) throw new BlacklistError(BlacklistErrorCode.NotBlocked, `${identity} is not blocked.`);
    return blockOf(db, rows[0]);
  }

  /** Blocks in force, newest first; with `lifted`, the lifted ones after them. */
  list(options: { lifted?: boolean; limit?: number } = {}): Promise<BlockedPhone[]> {
    return this.dataSource.getRepository(BlockedPhone).find({
      where: options.lifted ? {} : { unblockedAt: IsNull() },
      order: { unblockedAt: { direction: 'DESC', nulls: 'FIRST' }, blockedAt: 'DESC', id: 'DESC' },
      take: options.limit,
    });
  }

  /**
   * True for the one SMS that should tell the help admins of this block: the first after it
   * was made. The row is updated only while nobody has told them, so of many SMS at once,
   * across processes, one gets true (the others wait for its transaction, then find it done).
   */
  async claimAlert(block: BlockedPhone, db: EntityManager): Promise<boolean> {
    const [rows]: [Row[], number] = await db.query(
      'UPDATE blocked_phone SET admins_told_at = $2 WHERE id = $1 AND admins_told_at IS NULL RETURNING id',
      [block.id, this.clock.now()],
    );
    return rows.length > 0;
  }

  /** A phone as Mwana stores it; anything that is not a phone number is refused. */
  identityOf(phone: string): string {
    const identity = this.contacts.normalize(phone);
    if (!/^\+?\d{3,15}$/.test(identity)) {
      throw new BlacklistError(BlacklistErrorCode.NotAPhone, `"${phone.trim()}" is not a phone number.`);
    }
    return identity;
  }
}
