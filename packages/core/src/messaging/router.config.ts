import { z } from 'zod';
import { defineConfigSection } from '../config/config-section';

export const routerConfig = defineConfigSection('router', {
  /** Apps in the order their hooks run (outgoing in reverse); apps not named run after these. */
  order: z.array(z.string().min(1)).default(['stringcleaning', 'handlers']),
  /**
   * The reply to a message no app handled; null sends nothing. Unset: Mwana's reply listing
   * the keywords installed (docs/keywords.md#default-reply).
   */
  defaultReply: z.string().min(1).nullable().optional(),
  /** The reply when a handler fails unexpectedly (the error itself is logged and stored). */
  errorReply: z
    .string()
    .min(1)
    .default('Sorry, something went wrong while reading your message. Please try again later, or send HELP.'),
});

export type RouterSettings = z.output<typeof routerConfig.schema>;
