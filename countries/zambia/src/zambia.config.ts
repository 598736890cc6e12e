import { defineConfigSection } from '@mwana/core';
import { z } from 'zod';

/** The roles a verification question has words for (docs/keywords.md#user-verification). */
export const VERIFIED_ROLES = ['clinic-worker', 'hub-worker', 'district-worker', 'province-worker', 'cba'] as const;
export type VerifiedRole = (typeof VERIFIED_ROLES)[number];

const days = z
  .number()
  .int()
  .min(1)
  .max(10 * 365);

/** One of the verification questions: to whom it goes, and how many at most in one run. */
const question = (silentDays: number) =>
  z
    .strictObject({
      /** Asked of contacts who have sent nothing for this many days (and were not asked so within them). */
      silentDays: days.default(silentDays),
      /** At most this many questions in one run (Mwana sent 29), the longest silent first. */
      perRun: z.number().int().min(1).max(10_000).default(29),
    })
    .prefault({});

/**
 * Zambia's own behaviour (docs/keywords.md#zambia-only): user verification's questions and
 * who counts as lost. Schedules are the jobs' (`scheduler.jobs.zambia.verify-initial` ...).
 */
export const zambiaConfig = defineConfigSection('zambia', {
  verification: z
    .strictObject({
      /** Who is asked: contacts holding any of these roles (and a location). */
      roles: z
        .array(z.enum(VERIFIED_ROLES))
        .min(1)
        .default([...VERIFIED_ROLES]),
      /**
       * Codes of the provinces, districts or facilities whose contacts are asked (anywhere below
       * them); empty: everywhere (Mwana's SupportedLocation).
       */
      locations: z.array(z.string().min(1)).default([]),
      initial: question(75),
      final: question(120),
      /** A question stays open (a bare NO to it deactivates) for this many days after it is asked. */
      openDays: days.default(30),
      /** Lost users: this many unanswered questions since they last wrote, and silent this long. */
      lost: z
        .strictObject({
          unanswered: z.number().int().min(1).max(20).default(2),
          silentDays: days.default(127),
        })
        .prefault({}),
    })
    .prefault({}),
});

export type ZambiaSettings = z.output<typeof zambiaConfig.schema>;
