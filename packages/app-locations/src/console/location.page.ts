import {
  ConsolePage,
  href,
  html,
  type ConsoleContext,
  type ConsolePageHandler,
  type ConsoleView,
  type Contact,
  ContactsService,
  type SafeHtml,
} from '@mwana/core';
import type { Location } from '../entities/location.entity';
import { LocationsService } from '../locations.service';
import { LocationConsoleQueries } from './location-queries';
import { LOCATIONS_PATH, locationHref, locationTable, yesNo } from './render';

/** Children shown on one page: a district has a few dozen facilities, a clinic its zones. */
const MAX_CHILDREN = 500;

/**
 * One location: where it sits (a breadcrumb of its ancestors), what it is (type, code,
 * coordinates, flags), the locations below it, and the contacts at it and at its direct
 * children (a clinic's zones), with links to their messages and the contacts page.
 */
@ConsolePage({ path: 'locations/view', title: 'Location', nav: false })
export class LocationPage implements ConsolePageHandler {
  constructor(
    private readonly locations: LocationsService,
    private readonly queries: LocationConsoleQueries,
    private readonly contacts: ContactsService,
  ) {}

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const location = await this.find(ctx.query);
    if (!location)
      return {
        title: 'No such location',
        body: html`<p>No such location. <a href="${LOCATIONS_PATH}">Back to the locations</a></p>`,
      };
    const [ancestors, children] = await Promise.all([
      this.locations.ancestors(location.id),
      this.locations.children(location.id, { includeInactive: true }),
    ]);
    // At the location and its direct children (a clinic's zones), as contactsplus did.
    const contacts = await this.contacts.find({
      locationIds: [location.id, ...children.map((c) => c.id)],
      includeInactive: true,
    });
    const [counts, phones] = await Promise.all([
      this.queries.counts(children.slice(0, MAX_CHILDREN).map((l) => l.id)),
      this.queries.phones(contacts.map((c) => c.id)),
    ]);
    const names = new Map([location, ...children].map((l) => [l.id, l.name]));
    const body = html`<p class="crumbs" aria-label="Breadcrumb"><a href="${LOCATIONS_PATH}">Locations</a>${ancestors.map(
      (a) => html` › <a href="${locationHref(a)}">${a.name}</a>`,
    )} › <span aria-current="page">${location.name}</span></p>
${this.facts(location)}
<h2>${this.childrenHeading(children)} (${children.length})</h2>
${
  children.length === 0
    ? html`<p class="muted">Nothing below this location.</p>`
    : html`${children.length > MAX_CHILDREN ? html`<p class="muted">The first ${MAX_CHILDREN} are shown; search to find the others.</p>` : null}
${locationTable(children.slice(0, MAX_CHILDREN), { counts })}`
}
<h2>Contacts (${contacts.length})</h2>
${contacts.length === 0 ? html`<p class="muted">No contacts here${children.length > 0 ? ' or at its direct children' : ''}.</p>` : this.contactTable(location, contacts, phones, names)}`;
    return { title: location.name, body };
  }

  private async find(query: Readonly<Record<string, string>>): Promise<Location | null> {
    if (/^\d{1,9}$/.test(query.id ?? '')) return this.locations.get(Number(query.id));
    if (query.code) return this.locations.findByCode(query.code, { includeInactive: true });
    return null;
  }

  private facts(l: Location): SafeHtml {
    const hasPoint = l.latitude !== null && l.longitude !== null;
    const row = (label: string, value: SafeHtml | string) =>
      html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
    return html`<table class="facts"><tbody>
${row('Type', html`${l.type?.singular ?? ''} <span class="muted">${l.type?.kind ?? ''}</span>`)}
${row('Code', l.code)}
${row(
  'Coordinates',
  hasPoint
    ? html`${l.latitude}, ${l.longitude} <a href="${href('https://www.openstreetmap.org/', { mlat: l.latitude, mlon: l.longitude })}" rel="noreferrer">map</a>`
    : html`<span class="muted">none</span>`,
)}
${row('Sends live results', yesNo(l.sendLiveResults))}
${row('Own SMS printer', yesNo(l.hasIndependentPrinter))}
${row('Active', yesNo(l.active))}
</tbody></table>`;
  }

  private childrenHeading(children: readonly Location[]): string {
    const plurals = [...new Set(children.map((c) => c.type?.plural ?? ''))];
    return plurals.length === 1 && plurals[0] ? plurals[0] : 'Below';
  }

  private contactTable(
    here: Location,
    contacts: readonly Contact[],
    phones: ReadonlyMap<number, readonly string[]>,
    names: ReadonlyMap<number, string>,
  ): SafeHtml {
    const elsewhere = contacts.some((c) => c.locationId !== here.id);
    return html`<div class="scroll"><table class="log contacts"><thead><tr><th>Name</th><th>Roles</th><th>Phones</th>${elsewhere ? html`<th>At</th>` : null}<th>Active</th></tr></thead><tbody>
${contacts.map((c) => {
  const numbers = phones.get(c.id) ?? [];
  const find = href('/console/contacts', { q: numbers[0] ?? c.name, all: c.active ? null : 1 });
  return html`<tr><td class="wide"><a href="${find}"><strong>${c.name}</strong></a></td>
<td data-label="roles">${c.roles.length > 0 ? c.roles.join(', ') : html`<span class="muted">none</span>`}</td>
<td class="nowrap" data-label="phones">${numbers.length === 0 ? html`<span class="muted">none</span>` : numbers.map((phone, i) => html`${i > 0 ? html` <br>` : null}<a href="${href('/console/messages', { phone })}">${phone}</a>`)}</td>
${elsewhere ? html`<td data-label="at">${c.locationId === here.id ? html`<span class="muted">here</span>` : html`<a href="${locationHref({ id: c.locationId ?? 0 })}">${names.get(c.locationId ?? 0) ?? ''}</a>`}</td>` : null}
<td data-label="active">${yesNo(c.active)}</td></tr>
`;
})}</tbody></table></div>`;
  }
}
