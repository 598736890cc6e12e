import { defineConfigSection } from '@mwana/core';
import { z } from 'zod';

/** Group messaging and the help desk. */
export const broadcastConfig = defineConfigSection('broadcast', {
  /** Forward HELP requests to the contacts marked help admin. */
  helpToAdmins: z.boolean().default(true),
  /** Largest group a single BLAST may reach, a guard against a mistyped group. */
  maxRecipients: z.number().int().min(1).default(5000),
  /** A console send to more people than this asks its sender to confirm the count first. */
  confirmAbove: z.number().int().min(0).default(50),
});

export type BroadcastSettings = z.output<typeof broadcastConfig.schema>;
