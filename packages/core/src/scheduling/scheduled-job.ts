import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { TextParams, Translatable } from '../i18n/translatable';
import type { LinkedConnection } from '../contacts/contacts.repository';
import type { SendOptions } from '../outbox/outbound-text';

export interface ScheduledJobOptions {
  /** `<app>.<job>`, e.g. `labresults.notify-new-results`; how config and `mwana jobs run` name it. */
  readonly name: string;
  /** Default schedule (cron, in the country's time zone); `scheduler.jobs.<name>.cron` moves it. */
  readonly cron: string;
  readonly description: string;
}

/** What a job run gets: the transaction its work and its messages commit in, and the time. */
export interface JobContext {
  readonly db: EntityManager;
  /** The tick this run is for (the time it was due); `now` is when it actually runs. */
  readonly scheduledFor: Date;
  readonly now: Date;
  /**
   * Queues a bulk message, written with the job's own changes in one transaction. A `kind`
   * names the app's `SendTimeText` when the text sent is made at send time (`text` is then
   * what the message log keeps); `secrets` are masked in the message log (`SendOptions`).
   */
  send(to: LinkedConnection, text: Translatable, params?: TextParams, options?: string | SendOptions): void;
}

export interface JobRunner {
  run(context: JobContext): Promise<void>;
}

export const ScheduledJobMeta = DiscoveryService.createDecorator<ScheduledJobOptions>();

/**
 * Declares a scheduled job: a provider with `run(context)`, found through discovery. It runs
 * once per tick however many instances run, in the country's time zone.
 *
 * @example
 * @ScheduledJob({ name: 'reminders.send-reminders', cron: '0 12 * * *', description: 'appointment reminders' })
 * export class SendRemindersJob implements JobRunner {
 *   async run({ db, now, send }: JobContext) { ... }
 * }
 */
export function ScheduledJob(options: ScheduledJobOptions): ClassDecorator {
  return applyDecorators(Injectable(), ScheduledJobMeta(options));
}
