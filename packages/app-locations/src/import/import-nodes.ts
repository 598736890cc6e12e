import type { LocationKind } from '../entities/location-type.entity';
import type { LocationsSettings } from '../locations.config';
import { slugify } from '../names';
import type { ImportRow, RowError } from './import-rows';

export const NODE_LEVELS = ['province', 'district', 'facility', 'zone'] as const;
export type NodeLevel = (typeof NODE_LEVELS)[number];

/** A location as the file wants it. */
export interface DesiredLocation {
  readonly line: number;
  readonly level: NodeLevel;
  readonly code: string;
  readonly name: string;
  readonly typeSlug: string;
  /** The Facility Type cell, for the type's display name. */
  readonly typeLabel?: string;
  readonly parentCode: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  /**
   * False for a province or district known only from a facility's code and the names on its
   * row: created when missing, never renamed by it (the file's own rows and earlier imports win).
   */
  readonly declared: boolean;
}

/** A location already in the database, as the planner needs it. */
export interface ExistingLocation {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly typeSlug: string;
  readonly kind: LocationKind;
  readonly parentCode: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly active: boolean;
}

export interface LocationPlan {
  /** Parents before children. */
  readonly nodes: DesiredLocation[];
  readonly errors: RowError[];
}

/** A row that adds nothing, and why. */
export class RowProblem extends Error {}

/** A row whose Parent is not planned yet: tried again once the other rows are. */
export class ParentNotYet extends RowProblem {}

export function levelOf(row: ImportRow, settings: LocationsSettings): NodeLevel {
  if (row.facilityName) return slugify(row.facilityType) === settings.zoneType ? 'zone' : 'facility';
  return row.district ? 'district' : 'province';
}
