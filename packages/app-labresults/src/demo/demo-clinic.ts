import type { IncomingMessage } from '@mwana/core';
import type { ClinicDirectory, Place } from '../clinics/clinic-directory';

/** The clinic a demo keyword is for: the code after it, else the sender's own clinic. */
export async function demoClinic(
  directory: ClinicDirectory,
  msg: IncomingMessage,
  rest: string,
): Promise<Place | null> {
  const code = rest.trim().split(/\s+/)[0];
  const named = code ? await directory.findByCode(code, ['clinic', 'other'], msg.db) : null;
  if (named) return named;
  const locationId = msg.contact?.active ? msg.contact.locationId : null;
  return locationId === null ? null : directory.clinicOf(locationId, msg.db);
}
