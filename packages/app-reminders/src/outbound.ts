import type { IncomingMessage, JobContext, TextParams, Translatable } from '@mwana/core';
import type { Recipient } from './agents/agent-directory';

/**
 * How RemindMi queues an SMS to someone other than the sender. Every such SMS goes through
 * one of the two below, so that they have one home when core's outbox changes: a job's send
 * (bulk priority, written with the job's own bookkeeping in its transaction) or a notice on
 * the message being routed (written with the routing's changes, ahead of bulk).
 */
export type Send = (to: Recipient, text: Translatable, params?: TextParams) => void;

/** Bulk SMS of a scheduled job. */
export function jobSend(ctx: JobContext): Send {
  return (to, text, params) => ctx.send(to, text, params);
}

/** Notices queued while a message is routed (RMDEMO, TRACE, TOLD, CONFIRM, REMOVE). */
export function noticeSend(msg: IncomingMessage): Send {
  return (to, text, params) => msg.notify(to, text, params);
}
