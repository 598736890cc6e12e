import { z } from 'zod';
import type { ConfigSection, SectionValue } from './config-section';
import type { LayerName } from './config-layers';
import type { MwanaEnv, MwanaRole } from './environment';

/** Where a config value came from: the layer, and the file or variable inside it. */
export interface Provenance {
  readonly layer: LayerName;
  readonly source: string;
}

/**
 * The merged, validated configuration of one country in one environment. Built once at
 * boot by `loadConfig`; modules read their own section with `section(mySection)`.
 */
export class MwanaConfig {
  constructor(
    readonly country: string,
    readonly env: MwanaEnv,
    readonly role: MwanaRole,
    /** Directory of the country package (its config/ folder is inside). */
    readonly countryDir: string,
    readonly values: Readonly<Record<string, unknown>>,
    /** Leaf key path (dot-joined) to the layer that set it. */
    readonly provenance: ReadonlyMap<string, Provenance>,
    readonly schema: z.ZodType,
  ) {}

  section<S extends ConfigSection>(section: S): SectionValue<S> {
    const value = this.values[section.name];
    if (value === undefined) {
      throw new Error(`Config section "${section.name}" is not part of ${this.country}'s configuration.`);
    }
    return value as SectionValue<S>;
  }
}
