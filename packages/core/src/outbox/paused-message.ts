import type { GatewaysSettings } from '../gateways/gateways.config';
import type { ClaimedRow } from '../message-log/outbound-send.repository';
import type { BreakerView } from './gateway-breaker';

/** What becomes of a message whose gateway is paused: it waits (why), or it is past its age limit (the reason it fails). */
export type PausedOutcome = { readonly wait: string } | { readonly expire: string };

/**
 * A message for a paused gateway waits, no attempt spent, until it is older than its limit
 * (`backends.maxWaitHours`: by its kind, else by its priority); then it fails, the reason
 * naming the gateway's state, its last error and the limit.
 */
export function pausedOutcome(
  message: ClaimedRow,
  breaker: BreakerView,
  limits: GatewaysSettings['maxWaitHours'],
  now: Date,
): PausedOutcome {
  const kindLimit = message.kind === null ? undefined : limits.kinds[message.kind];
  const hours = kindLimit ?? limits[message.priority];
  const which = kindLimit !== undefined ? `messages of kind ${message.kind}` : `${message.priority} messages`;
  const paused = `gateway "${message.gateway}" paused since ${breaker.since.toISOString()} (last error: ${breaker.lastError ?? 'none'})`;
  if (now.getTime() - message.createdAt.getTime() >= hours * 3_600_000)
    return { expire: `not sent: ${paused}; waited over ${hours} h, the limit for ${which}` };
  return { wait: `${paused}: waits for it, no attempt spent` };
}
