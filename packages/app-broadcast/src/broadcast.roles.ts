import { ContactRoles } from '@mwana/core';

/** The roles broadcast reads to pick a group's recipients and MSG's groups (docs/keywords.md#broadcast). */
@ContactRoles({
  app: 'broadcast',
  roles: {
    'clinic-worker': 'clinic staff: CLINIC group; MSG to CBA, CLINIC, ALL and DHO',
    cba: 'community agent (CBA, HSA): CBA and HSA groups; MSG to CBA, CLINIC and ALL',
    'district-worker': 'district office (DHO): DISTRICT and DHO groups; MSG to DHO, CLINIC and ALL',
    'hub-worker': 'sample hub staff: never a broadcast recipient',
    'lab-worker': 'laboratory staff: never a broadcast recipient',
  },
})
export class BroadcastRoles {}
