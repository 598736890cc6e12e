import { defineConfigSection } from '@mwana/core';
import { z } from 'zod';

const appointment = z.strictObject({
  /** Name as it reads in the reminder, e.g. "6 day". */
  name: z.string().min(1),
  /** Days after the event. */
  days: z.number().int().min(0),
});

const event = z.strictObject({
  slug: z.string().regex(/^[a-z][a-z0-9-]*$/),
  keywords: z.array(z.string().min(1)).min(1),
  appointments: z.array(appointment).default([]),
});

/** RemindMi's country settings: events and their appointment schedules are configuration. */
export const remindersConfig = defineConfigSection('reminders', {
  sendLive: z.boolean().default(true),
  /** Remind this many days before each appointment. */
  daysBefore: z.number().int().min(0).max(14).default(2),
  events: z.array(event).default([
    {
      slug: 'birth',
      keywords: ['BIRTH', 'BIRTHS', 'MWANA'],
      appointments: [
        { name: '6 day', days: 6 },
        { name: '6 week', days: 42 },
        { name: '6 month', days: 183 },
      ],
    },
  ]),
});

export type RemindersSettings = z.output<typeof remindersConfig.schema>;
