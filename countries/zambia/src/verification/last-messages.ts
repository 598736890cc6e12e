import { MessageRecord } from '@mwana/core';
import type { EntityManager } from 'typeorm';

/**
 * When each of these contacts last sent an SMS (any, handled or not), from the message log
 * core keeps: "silent" in user verification means nothing received from them since. Read
 * through core's exported entity, not its SQL, so a change of columns there is a compile
 * error here. Contacts that never wrote are absent.
 */
export async function lastMessages(contactIds: readonly number[], db: EntityManager): Promise<Map<number, Date>> {
  if (contactIds.length === 0) return new Map();
  const rows: Array<{ contactId: number; last: Date }> = await db
    .getRepository(MessageRecord)
    .createQueryBuilder('m')
    .select('m.contactId', 'contactId')
    .addSelect('max(m.createdAt)', 'last')
    .where('m.direction = :direction', { direction: 'in' })
    .andWhere('m.contactId = ANY(:ids)', { ids: [...contactIds] })
    .groupBy('m.contactId')
    .getRawMany();
  return new Map(rows.map((r) => [r.contactId, new Date(r.last)]));
}
