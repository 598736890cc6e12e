import type { EntityManager } from 'typeorm';

/** A place as Results160 needs it. */
export interface Place {
  readonly id: number;
  readonly name: string;
  readonly code: string;
  /** Results for it go out as they arrive (Mwana's `send_live_results`). */
  readonly sendLiveResults: boolean;
}

/** What a facility code names, by its zero parts (`400000` province, `403000` district). */
export type CodeLevel = 'province' | 'district' | 'facility';

/** The kinds of place each role registers at with JOIN. */
export type PlaceKind = 'province' | 'district' | 'clinic' | 'other';

/**
 * Everything Results160 asks of the location tree, in one small interface so that the
 * locations package stays swappable behind one file (`locations-clinic.directory.ts`).
 * Every method takes the caller's transaction.
 */
export abstract class ClinicDirectory {
  /** A place by code as a person typed it, among places of these kinds. */
  abstract findByCode(code: string, kinds: readonly PlaceKind[], db: EntityManager): Promise<Place | null>;

  /** Places by the facility codes a lab sent (`2020200` is facility `202020`), any kind: code as sent -> place, where one has it. */
  /** `findByCode`, and in the same statement the ids of the place and its zones (`clinicAndZones`). */
  abstract findWithZones(
    code: string,
    kinds: readonly PlaceKind[],
    db: EntityManager,
  ): Promise<{ place: Place; atOrZones: number[] } | null>;

  abstract findByLabCodes(codes: readonly string[], db: EntityManager): Promise<Map<string, Place>>;

  /** The level a whole facility code names; null for anything that is not one (a slug). */
  abstract levelOfCode(code: string): CodeLevel | null;

  abstract get(id: number, db: EntityManager): Promise<Place | null>;

  /** The clinic a location belongs to: up past zones (docs/keywords.md#roles, "the clinic of a contact"). */
  abstract clinicOf(locationId: number, db: EntityManager): Promise<Place | null>;

  /** The places of these kinds anywhere below a place (a district's or a province's clinics). */
  abstract placesUnder(placeId: number, kinds: readonly PlaceKind[], db: EntityManager): Promise<Place[]>;

  /**
   * For a district or province code that no place has (Mwana's districts were often keyed by
   * name): the clinics whose codes begin with its digits (`4030xx` for `403000`), and the
   * name of the district or province they are in. Null when the code is no such code or no
   * clinic has it.
   */
  abstract clinicsUnderCode(
    code: string,
    db: EntityManager,
  ): Promise<{ readonly name: string; readonly clinicIds: readonly number[] } | null>;

  /** The district a place is in (its parent), if any. */
  abstract districtOf(placeId: number, db: EntityManager): Promise<Place | null>;

  /** The ids of a place and of the places directly below it (a clinic and its zones): where its staff are. */
  abstract clinicAndZones(clinicId: number, db: EntityManager): Promise<number[]>;
}
