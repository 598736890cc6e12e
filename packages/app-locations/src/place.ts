import type { LocationKind } from './entities/location-type.entity';
import type { Location } from './entities/location.entity';

/** A place as the apps that stand on locations see it: no entity, only what they read. */
export interface Place {
  readonly id: number;
  readonly name: string;
  readonly code: string;
  readonly kind: LocationKind;
  readonly parentId: number | null;
}

export function placeOf(location: Location | null): Place | null {
  return location
    ? {
        id: location.id,
        name: location.name,
        code: location.code,
        kind: location.type?.kind ?? 'other',
        parentId: location.parentId,
      }
    : null;
}
