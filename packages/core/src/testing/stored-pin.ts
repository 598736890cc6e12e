import type { Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { PinHasher } from '../contacts/pin-hasher';

/**
 * What a test may ask of a contact's stored PIN: its hash, and whether a PIN matches it
 * (not counted: tests look, users are counted).
 */
export async function storedPin(
  harness: { readonly dataSource: DataSource; get<T>(token: Type<T>): T },
  contactId: number,
): Promise<{ hash: string | null; matches: (pin: string) => Promise<boolean> }> {
  const [row]: Array<{ pin_hash: string | null }> = await harness.dataSource.query(
    'SELECT pin_hash FROM contact WHERE id = $1',
    [contactId],
  );
  const hash = row?.pin_hash ?? null;
  const hasher = harness.get(PinHasher);
  return { hash, matches: async (pin) => (await hasher.verify(pin, hash)).right };
}
