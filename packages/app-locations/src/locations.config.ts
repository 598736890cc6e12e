import { defineConfigSection } from '@mwana/core';
import { z } from 'zod';

/** How a country writes facility codes and names its location types (behaviour spec §5.2). */
export const locationsConfig = defineConfigSection('locations', {
  /** Zambia: PPDDFF (province, district, facility); Malawi: DDFF. */
  codeFormat: z.enum(['PPDDFF', 'DDFF']).default('PPDDFF'),
  /** Location type slugs that count as clinics (where results and staff belong). */
  clinicTypes: z.array(z.string().min(1)).min(1).default(['clinic']),
  districtType: z.string().min(1).default('district'),
  provinceType: z.string().min(1).default('province'),
  zoneType: z.string().min(1).default('zone'),
});

export type LocationsSettings = z.output<typeof locationsConfig.schema>;
