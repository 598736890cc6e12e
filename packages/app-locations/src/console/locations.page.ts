import {
  ConsolePage,
  html,
  lettersToDigits,
  type ConsoleContext,
  type ConsolePageHandler,
  type ConsoleView,
  type SafeHtml,
} from '@mwana/core';
import { LOCATION_KINDS } from '../entities/location-type.entity';
import type { Location } from '../entities/location.entity';
import { LocationsService } from '../locations.service';
import { LocationConsoleQueries } from './location-queries';
import { LOCATIONS_PATH, locationTable } from './render';

/** Matches shown for a search; a longer list is narrowed by typing more. */
const SEARCH_LIMIT = 50;
const MAX_QUERY = 60;

/** The location tree from the top (provinces or regions, with counts), and a search by name or code. */
@ConsolePage({ path: 'locations', title: 'Locations', order: 40 })
export class LocationsPage implements ConsolePageHandler {
  constructor(
    private readonly locations: LocationsService,
    private readonly queries: LocationConsoleQueries,
  ) {}

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const q = (ctx.query.q ?? '').trim().slice(0, MAX_QUERY);
    const form = html`<form class="filters" method="get" action="${LOCATIONS_PATH}" role="search">
<label>Name or code <input name="q" value="${q}" size="16" autocapitalize="off"></label>
<button type="submit">Search</button>${q ? html` <a href="${LOCATIONS_PATH}">Clear</a>` : null}</form>`;
    return { body: html`${form}\n${q ? await this.results(q) : await this.top()}` };
  }

  private async top(): Promise<SafeHtml> {
    const roots = await this.queries.roots();
    if (roots.length === 0)
      return html`<p>No locations yet: import them with <code>mwana locations import &lt;file.csv&gt;</code>.</p>`;
    const counts = await this.queries.counts(roots.map((l) => l.id));
    const plurals = [...new Set(roots.map((l) => l.type?.plural ?? ''))];
    return html`<h2>${plurals.length === 1 && plurals[0] ? plurals[0] : 'Top level'} (${roots.length})</h2>
${locationTable(roots, { counts })}`;
  }

  /**
   * Names and codes containing the text, any case; a code typed with letters for digits
   * (`4o30i2`) is repaired, and the location whose code it is, as the SMS keywords read
   * codes (padded, any case), comes first.
   */
  private async results(q: string): Promise<SafeHtml> {
    const kinds = LOCATION_KINDS;
    const repaired = /\d/.test(q) ? lettersToDigits(q) : q;
    const [exact, byText, byDigits] = await Promise.all([
      this.locations.findByCode(q, { includeInactive: true }),
      this.locations.search(q, { limit: SEARCH_LIMIT, kinds }),
      repaired !== q ? this.locations.search(repaired, { limit: SEARCH_LIMIT, kinds }) : Promise.resolve([]),
    ]);
    const seen = new Set<number>();
    const found: Location[] = [];
    for (const l of [...(exact ? [exact] : []), ...byText, ...byDigits]) {
      if (seen.has(l.id)) continue;
      seen.add(l.id);
      found.push(l);
    }
    const shown = found.slice(0, SEARCH_LIMIT);
    if (shown.length === 0) return html`<p>No location matches <strong>${q}</strong>.</p>`;
    const full = byText.length >= SEARCH_LIMIT || byDigits.length >= SEARCH_LIMIT || found.length > SEARCH_LIMIT;
    const lineages = await this.queries.lineages(shown.map((l) => l.id));
    return html`<p class="muted">${shown.length} location(s) match${repaired !== q ? html` (also read as <strong>${repaired}</strong>)` : null}${
      full ? html`; the first ${SEARCH_LIMIT} are shown, type more to narrow` : null
    }.</p>
${locationTable(shown, { lineages })}`;
  }
}
