import { ContactRoles } from '@mwana/core';

/** The staff roles JOIN gives, by the kind of place the code names (docs/keywords.md#roles). */
export const STAFF_ROLES = ['clinic-worker', 'hub-worker', 'district-worker', 'province-worker', 'lab-worker'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The roles Results160 gives and reads. `cba` is RemindMi's too: Malawi's JOIN gives it to
 * every joiner (`joinAddsCbaRole`).
 */
@ContactRoles({
  app: 'labresults',
  roles: {
    'clinic-worker': 'clinic staff: CHECK, the PIN reply, RESULT; receives the clinic’s results',
    'hub-worker': 'sample hub staff: told of samples sent from the district',
    'district-worker': 'district office (DHO): REPORT',
    'province-worker': 'province office (PHO): REPORT',
    'lab-worker': 'laboratory staff',
    printer: 'a clinic’s SMS printer: receives result slips',
    cba: 'community agent (JOIN in Malawi adds it)',
  },
})
export class LabResultsRoles {}
