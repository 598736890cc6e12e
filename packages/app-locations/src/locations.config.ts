import { defineConfigSection } from '@mwana/core';
import { z } from 'zod';

const typeSlug = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a type slug is lower case: letters, digits, _ and -');

/**
 * How a country writes facility codes and names its location types (docs/keywords.md#countries).
 *
 * @example
 * # countries/zambia/config/country.yaml
 * locations:
 *   codeFormat: PPDDFF
 *   padShortCodes: true            # JOIN DHO 4030 -> 403000
 *   districtType: districts
 *   typeNames: { districts: { singular: District, plural: Districts } }
 */
export const locationsConfig = defineConfigSection('locations', {
  /**
   * The digits of a facility code, one letter a digit: P province, D district, F facility,
   * in that order (Zambia PPDDFF, Malawi DDFF). A part of zeros names the level above it.
   */
  codeFormat: z
    .string()
    .regex(/^P*D+F+$/, 'codeFormat is P..D..F.. (e.g. PPDDFF or DDFF)')
    .default('PPDDFF'),
  /**
   * Codes the country also allows, as a regular expression (`^[A-Z]{2}[0-9]{4}$`), for
   * locations imported with an explicit Parent: their parent is the one named, not the one
   * their digits spell. Without it, such a code is any code of `codeFormat`'s length in digits.
   */
  codePattern: z
    .string()
    .refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, 'codePattern is a regular expression')
    .optional(),
  /** A code as long as its leading parts is padded with zeros: 40 -> 400000, 4030 -> 403000 (Zambia). */
  padShortCodes: z.boolean().default(true),
  /** Labs send one digit more than the format with a trailing 0 (ZPCT codes): `2020200` -> `202020`. */
  labCodeTrailingZero: z.boolean().default(true),
  /** Location type slugs that count as clinics (where results and staff belong). */
  clinicTypes: z.array(typeSlug).min(1).default(['clinic']),
  districtType: typeSlug.default('district'),
  provinceType: typeSlug.default('province'),
  zoneType: typeSlug.default('zone'),
  /** The type of an imported facility whose Facility Type cell is empty. */
  defaultFacilityType: typeSlug.default('clinic'),
  /** Display names of types, where the slug read as words is not right (Malawi: province -> Region). */
  typeNames: z.record(typeSlug, z.strictObject({ singular: z.string().min(1), plural: z.string().min(1) })).default({}),
});

export type LocationsSettings = z.output<typeof locationsConfig.schema>;
