import type { Type } from '@nestjs/common';
import { InboundSeal } from '../message-log/inbound-seal';

/**
 * What an inbound row says: its sealed text opened while it waits to be routed (`InboundSeal`),
 * else its text. Tests that look at SMS stored but not yet routed read them through it.
 */
export function inboundText(
  harness: { get<T>(token: Type<T>): T },
  row: { readonly text: string; readonly sealed: string | null },
): string {
  return row.sealed === null ? row.text : harness.get(InboundSeal).open(row.sealed).text;
}
