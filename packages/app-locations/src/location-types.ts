import type { EntityManager } from 'typeorm';
import { LocationType, type LocationKind } from './entities/location-type.entity';
import type { LocationsSettings } from './locations.config';

export type TypeSettings = Pick<
  LocationsSettings,
  'clinicTypes' | 'districtType' | 'provinceType' | 'zoneType' | 'typeNames'
>;

/** What the country's config says a type slug is. Config is the source of truth; the table mirrors it. */
export function kindOf(slug: string, settings: TypeSettings): LocationKind {
  if (slug === settings.zoneType) return 'zone';
  if (slug === settings.districtType) return 'district';
  if (slug === settings.provinceType) return 'province';
  if (settings.clinicTypes.includes(slug)) return 'clinic';
  return 'other';
}

/**
 * Display names of a type: the config's, else the label it came with (a CSV's Facility Type
 * cell), else the slug read as words (`districts` -> District / Districts).
 */
export function typeNames(slug: string, settings: TypeSettings, label?: string): { singular: string; plural: string } {
  const configured = settings.typeNames[slug];
  if (configured) return configured;
  const words = label?.trim() || slug.replace(/[_-]+/g, ' ');
  const singular = words.charAt(0).toUpperCase() + words.slice(1);
  if (label?.trim()) return { singular, plural: /s$/i.test(singular) ? singular : `${singular}s` };
  const base = /[^s]s$/.test(singular) ? singular.slice(0, -1) : singular;
  return { singular: base, plural: /s$/.test(base) ? base : `${base}s` };
}

/**
 * The types with these slugs, created where missing and their kind brought in line with
 * the config. One read, and writes only for what is new or changed.
 */
export async function ensureTypes(
  db: EntityManager,
  wanted: ReadonlyMap<string, string | undefined>,
  settings: TypeSettings,
): Promise<Map<string, LocationType>> {
  const slugs = [...wanted.keys()];
  const existing =
    slugs.length === 0
      ? []
      : await db.getRepository(LocationType).createQueryBuilder('t').where('t.slug = ANY(:slugs)', { slugs }).getMany();
  const bySlug = new Map(existing.map((t) => [t.slug, t]));
  for (const [slug, label] of wanted) {
    const kind = kindOf(slug, settings);
    const found = bySlug.get(slug);
    if (found && found.kind === kind) continue;
    // ON CONFLICT: two imports or two AGENT messages may create the same type at once.
    const names = typeNames(slug, settings, label);
    const [row]: LocationType[] = await db.query(
      `INSERT INTO location_type (slug, singular, plural, kind) VALUES ($1, $2, $3, $4)
       ON CONFLICT (slug) DO UPDATE SET kind = EXCLUDED.kind
       RETURNING id, slug, singular, plural, kind`,
      [slug, names.singular, names.plural, kind],
    );
    bySlug.set(slug, Object.assign(new LocationType(), row));
  }
  return bySlug;
}
