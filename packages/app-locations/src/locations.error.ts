/** Why a locations operation was refused; the router or the CLI turns it into words. */
export enum LocationsErrorCode {
  UnknownLocation = 'unknown_location',
  NotAClinic = 'not_a_clinic',
  BadZoneName = 'bad_zone_name',
}

export class LocationsError extends Error {
  constructor(
    readonly code: LocationsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LocationsError';
  }
}
