import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Message, registeredMessages } from './messages';
import type { LengthSamples } from './length-check';
import type { Translator } from './translator';

/** The largest count a text realistically shows: results in one batch, samples in one SENT. */
export const LARGEST_COUNT = 999;

/**
 * The longest province, district and facility names in the country's data (`data/*.csv`, the
 * locations importer's format: Province,District,Facility_Name,...), so that the length check
 * renders what the country's users will really see.
 */
export function longestPlaceNames(countryDir: string): { clinic: string; district: string; province: string } {
  const longest = { clinic: 'Clinic', district: 'District', province: 'Province' };
  const dir = join(countryDir, 'data');
  if (!existsSync(dir)) return longest;
  for (const file of readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split(/\r?\n/).slice(1)) {
      const [province = '', district = '', clinic = ''] = csvFields(line);
      if (province.length > longest.province.length) longest.province = province;
      if (district.length > longest.district.length) longest.district = district;
      if (clinic.length > longest.clinic.length) longest.clinic = clinic;
    }
  }
  return longest;
}

function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') ((field += '"'), i++);
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) (fields.push(field.trim()), (field = ''));
    else field += c;
  }
  fields.push(field.trim());
  return fields;
}

// Dynamic words an app declares as texts of their own: `event.birth`, `appointment.birth.6 day`,
// `pronounHer`, `placeHome`, `role.cba`. A placeholder of that kind gets the longest one in the language.
const WORD_KEYS: Readonly<Record<string, RegExp>> = {
  event: /^event\./,
  appointment: /^appointment\./,
  pronoun: /^pronoun/,
  place: /^place[A-Z]/,
  role: /^role\./,
};

export function lengthSamples(
  countryDir: string,
  translator: Translator,
  messages: readonly Message[] = registeredMessages(),
): LengthSamples {
  const places = longestPlaceNames(countryDir);
  return {
    name: 'Chilufya Mwansa-Bwalya Kapambw',
    ...places,
    count: LARGEST_COUNT,
    words: (kind, language) => {
      const key = WORD_KEYS[kind];
      if (!key) return undefined;
      const words = messages.filter((m) => key.test(m.key)).map((m) => translator.render(m, {}, language));
      return words.sort((a, b) => b.length - a.length)[0];
    },
  };
}
