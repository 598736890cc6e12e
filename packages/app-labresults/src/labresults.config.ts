import { defineConfigSection } from '@mwana/core';
import { z } from 'zod';
import { STAFF_ROLES } from './labresults.roles';

/** Results160's country settings (docs/keywords.md#countries). */
export const labresultsConfig = defineConfigSection('labresults', {
  /** Send results to clinics at all (off on training servers). */
  sendLive: z.boolean().default(true),
  /** How results read on a phone: Zambia Detected / NotDetected, Malawi Positive / Negative. */
  resultWords: z
    .strictObject({
      detected: z.string().min(1).default('Detected'),
      notDetected: z.string().min(1).default('NotDetected'),
      rejected: z.string().min(1).default('Rejected'),
    })
    .prefault({}),
  /** At most this many results in one reply to a PIN. */
  batchSize: z.number().int().min(1).max(9).default(9),
  /** Wrong PINs in a row before results are locked for the contact. */
  pinAttempts: z.number().int().min(1).max(20).default(5),
  pinLockMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Zambia re-announces results still unread after a week. */
  weeklyRenotify: z.boolean().default(false),
  /** Printed on printer slips. */
  labName: z.string().min(1).default('DNA-PCR LAB'),
  /** JOIN's type words and the role each gives (`JOIN CLINIC 403012 Mary 1234`); the country sets them. */
  joinTypes: z.record(z.string().regex(/^[a-z]+$/), z.enum(STAFF_ROLES)).default({
    clinic: 'clinic-worker',
    hub: 'hub-worker',
    dho: 'district-worker',
    district: 'district-worker',
    pho: 'province-worker',
    province: 'province-worker',
    lab: 'lab-worker',
  }),
  /**
   * New clinic workers receive results (CHECK, the PIN reply, RESULT, notices) only once a
   * help admin (console or `APPROVE <phone>`) or an approved worker of their clinic approved
   * them. Zambia's and Malawi's production configs require it.
   */
  approveClinicWorkers: z.boolean().default(false),
  /** Wrong lab passwords in a row before a lab account name is locked, and for how long. */
  labLockAfter: z.number().int().min(1).max(50).default(5),
  labLockMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Malawi answers a PIN sent when nothing waits with who collected the clinic's last results. */
  alreadyCollectedReply: z.boolean().default(false),
  /** Malawi gives every staff member who joins the CBA role too. */
  joinAddsCbaRole: z.boolean().default(false),
  /** Zambia: PRINTER ADD gives the clinic its own printer, which the send-to-printers job serves through the day. */
  independentPrinters: z.boolean().default(false),
  /** Ids of demo results: `{id}` is 9990-9999, `{clinic}` the clinic's code (Zambia `{id}`, Malawi `{clinic}-{id}-1`). */
  fakeIdFormat: z.string().includes('{id}').default('{id}'),
});

export type LabResultsSettings = z.output<typeof labresultsConfig.schema>;
