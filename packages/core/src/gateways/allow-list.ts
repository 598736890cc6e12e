import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/** An address (`127.0.0.1`, `::1`) or a subnet (`10.0.0.0/8`). */
export const addressOrSubnet = z.string().refine((entry) => {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !isIP(address)) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (isIP(address) === 4 ? 32 : 128);
}, 'expected an IP address or a subnet such as 10.0.0.0/8');

const lists = new WeakMap<readonly string[], BlockList>();

/**
 * True when the caller's address is in the allow-list (IPv4-mapped IPv6 addresses count as
 * IPv4). Give it the TCP peer, never X-Forwarded-For, which anyone can write.
 */
export function isAllowed(allowFrom: readonly string[], address: string | undefined): boolean {
  if (!address || allowFrom.length === 0) return false;
  let list = lists.get(allowFrom);
  if (!list) {
    list = new BlockList();
    for (const entry of allowFrom) {
      const [ip, prefix] = entry.split('/');
      const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) list.addAddress(ip, family);
      else list.addSubnet(ip, Number(prefix), family);
    }
    lists.set(allowFrom, list);
  }
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  return isIP(plain) !== 0 && list.check(plain, family);
}
