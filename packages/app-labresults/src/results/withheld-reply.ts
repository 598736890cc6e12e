import type { TextParams, Translatable } from '@mwana/core';
import type { Place } from '../clinics/clinic-directory';
import { labresultsTexts as texts } from '../labresults.texts';

/** What a clinic worker results are withheld from is told: waiting for approval, or refused. */
export function withheldReply(standing: {
  readonly kind: 'pending' | 'rejected';
  readonly contact: { readonly name: string };
  readonly clinic: Place;
}): [Translatable, TextParams] {
  const params = { name: standing.contact.name, clinic: standing.clinic.name };
  return [standing.kind === 'pending' ? texts.awaitingApproval : texts.notApproved, params];
}
