import { z } from 'zod';
import { defineConfigSection } from '../config/config-section';

export const schedulerConfig = defineConfigSection('scheduler', {
  /** Run jobs on their schedules in this process (workers and `all`); `mwana jobs run` works regardless. */
  enabled: z.boolean().default(true),
  /** How often the scheduler looks at the clock. */
  pollSeconds: z.number().int().min(1).default(30),
  /** Per job (by name): move it (`cron`) or switch it off (`enabled: false`). */
  jobs: z
    .record(
      z.string(),
      z.strictObject({
        cron: z.string().min(9).optional(),
        enabled: z.boolean().default(true),
      }),
    )
    .default({}),
});

export type SchedulerSettings = z.output<typeof schedulerConfig.schema>;
