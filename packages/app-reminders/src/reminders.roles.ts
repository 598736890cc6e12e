import { ContactRoles } from '@mwana/core';

/** The roles RemindMi gives (docs/keywords.md#remindmi); Results160 declares `cba` too, for Malawi's JOIN. */
@ContactRoles({
  app: 'reminders',
  roles: {
    cba: 'community agent (CBA, HSA): registers births in a zone, is reminded of appointments, answers TOLD and CONFIRM',
    patient: 'a patient an agent registered an event for (a birth); reminded of through the agents of their zone',
  },
})
export class RemindersRoles {}
