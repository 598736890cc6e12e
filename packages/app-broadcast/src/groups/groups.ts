import type { Role } from '@mwana/core';

/** A group a broadcast goes to (docs/keywords.md#broadcast). */
export interface Group {
  /** As the suffix names it: `[from Mary to CLINIC]`. */
  readonly label: string;
  /** Recipients hold any of these roles; null: any role. */
  readonly roles: readonly Role[] | null;
  /** Also the district above the sender's clinic (district offices). */
  readonly withParent: boolean;
  /** Every active contact, wherever they are (BLAST). */
  readonly everywhere: boolean;
}

const group = (label: string, roles: Role[] | null, more: Partial<Group> = {}): Group => ({
  label,
  roles,
  withParent: false,
  everywhere: false,
  ...more,
});

export const GROUPS = {
  all: group('ALL', null),
  clinic: group('CLINIC', ['clinic-worker']),
  cba: group('CBA', ['cba']),
  hsa: group('HSAs', ['cba']),
  district: group('DISTRICT', ['district-worker'], { withParent: true }),
  dho: group('DHO', ['district-worker'], { withParent: true }),
  blast: group('Mwana Users', null, { everywhere: true }),
} as const satisfies Record<string, Group>;

/** Never a broadcast's recipient: hub and lab staff (Mwana), and printers and patients, who are not people to message. */
export const NEVER_RECIPIENTS: ReadonlySet<Role> = new Set(['hub-worker', 'lab-worker', 'printer', 'patient']);

/** MSG's groups by the sender's role, in the order the help text lists them. */
export const MSG_GROUPS: Readonly<Record<Role, readonly (keyof typeof GROUPS)[]>> = {
  cba: ['cba', 'clinic', 'all'],
  'clinic-worker': ['cba', 'clinic', 'all', 'dho'],
  'district-worker': ['dho', 'clinic', 'all'],
};

/** The MSG groups a contact may send to, in the order of its roles, each once. */
export function msgGroupsFor(roles: readonly Role[]): Array<keyof typeof GROUPS> {
  const groups: Array<keyof typeof GROUPS> = [];
  for (const role of roles) for (const g of MSG_GROUPS[role] ?? []) if (!groups.includes(g)) groups.push(g);
  return groups;
}

/** The text as each recipient gets it: verbatim, then who sent it to which group. */
export function broadcastText(text: string, sender: string, group: Group): string {
  return `${text} [from ${sender} to ${group.label}]`;
}
