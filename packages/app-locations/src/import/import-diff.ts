import type { DesiredLocation, ExistingLocation } from './import-nodes';

/** What an import does to one location. */
export type LocationChange =
  | { readonly action: 'create'; readonly node: DesiredLocation }
  | {
      readonly action: 'update';
      readonly node: DesiredLocation;
      readonly id: number;
      /** `name: "Mansa clinic" -> "Mansa Clinic"`, one per field. */
      readonly fields: readonly string[];
      readonly set: LocationUpdate;
    };

export interface LocationUpdate {
  name?: string;
  typeSlug?: string;
  parentCode?: string | null;
  latitude?: number;
  longitude?: number;
  active?: true;
}

export interface LocationDiff {
  readonly changes: LocationChange[];
  readonly unchanged: number;
}

/**
 * The changes that make the database say what the file says. Nothing is deleted or
 * deactivated: a file may hold a single district's facilities. Empty coordinates in the file
 * keep those in the database. A second run of the same file finds nothing to change.
 */
export function diffLocations(
  nodes: readonly DesiredLocation[],
  existing: ReadonlyMap<string, ExistingLocation>,
): LocationDiff {
  const changes: LocationChange[] = [];
  let unchanged = 0;
  for (const node of nodes) {
    const there = existing.get(node.code.toLowerCase());
    if (!there) {
      changes.push({ action: 'create', node });
      continue;
    }
    const set: LocationUpdate = {};
    const fields: string[] = [];
    const change = <K extends keyof LocationUpdate>(
      key: K,
      label: string,
      from: unknown,
      to: LocationUpdate[K],
    ): void => {
      set[key] = to;
      fields.push(`${label}: ${JSON.stringify(from)} -> ${JSON.stringify(to)}`);
    };
    if (node.declared) {
      if (there.name !== node.name) change('name', 'name', there.name, node.name);
      if (there.typeSlug !== node.typeSlug) change('typeSlug', 'type', there.typeSlug, node.typeSlug);
      if ((there.parentCode ?? '').toLowerCase() !== (node.parentCode ?? '').toLowerCase())
        change('parentCode', 'parent', there.parentCode, node.parentCode);
      if (node.latitude !== null && there.latitude !== node.latitude)
        change('latitude', 'latitude', there.latitude, node.latitude);
      if (node.longitude !== null && there.longitude !== node.longitude)
        change('longitude', 'longitude', there.longitude, node.longitude);
      if (!there.active) change('active', 'active', false, true);
    }
    if (fields.length === 0) unchanged++;
    else changes.push({ action: 'update', node, id: there.id, fields, set });
  }
  return { changes, unchanged };
}
