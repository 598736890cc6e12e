import { href, html, type SafeHtml } from '@mwana/core';
import type { Location } from '../entities/location.entity';
import type { LocationCounts } from './location-queries';

export const LOCATIONS_PATH = '/console/locations';
export const LOCATION_PATH = '/console/locations/view';

export function locationHref(location: Pick<Location, 'id'>): string {
  return href(LOCATION_PATH, { id: location.id });
}

/** Locations as a table (cards on a phone): name, type, code, and what lies below or above. */
export function locationTable(
  locations: readonly Location[],
  extra: {
    readonly counts?: ReadonlyMap<number, LocationCounts>;
    readonly lineages?: ReadonlyMap<number, readonly string[]>;
  },
): SafeHtml {
  const { counts, lineages } = extra;
  return html`<div class="scroll"><table class="log locations"><thead><tr><th>Name</th><th>Type</th><th>Code</th>${
    lineages ? html`<th>In</th>` : null
  }${counts ? html`<th>Children</th><th>Facilities</th><th>Contacts</th>` : null}</tr></thead><tbody>
${locations.map((l) => {
  const c = counts?.get(l.id);
  const line = lineages?.get(l.id);
  return html`<tr><td class="wide"><a href="${locationHref(l)}"><strong>${l.name}</strong></a>${l.active ? null : html` <span class="status status-failed">inactive</span>`}</td>
<td data-label="type">${l.type?.singular ?? ''}</td><td data-label="code" class="nowrap">${l.code}</td>${
    lineages
      ? html`<td data-label="in" class="muted">${line && line.length > 0 ? line.join(' › ') : 'top level'}</td>`
      : null
  }${
    counts
      ? html`<td data-label="children">${c ? c.children : 0}</td><td data-label="facilities">${c ? c.clinics : 0}</td><td data-label="contacts">${c ? c.contacts : 0}</td>`
      : null
  }</tr>
`;
})}</tbody></table></div>`;
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
