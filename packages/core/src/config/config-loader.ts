import { join } from 'node:path';
import { z } from 'zod';
import type { ConfigSection } from './config-section';
import {
  type ConfigLayer,
  flatten,
  type LayerEntry,
  isPlainObject,
  readFileLayers,
  variablesLayer,
} from './config-layers';
import type { MwanaEnvironment } from './environment';
import { MwanaConfig, type Provenance } from './mwana-config';

export interface LoadConfigOptions {
  /** Country slug, e.g. malawi. */
  readonly country: string;
  /** Directory of the country package; its chain files live in `<countryDir>/config`. */
  readonly countryDir: string;
  /** Every section the country's modules declare: the project layer. */
  readonly sections: readonly ConfigSection[];
  readonly environment: MwanaEnvironment;
  /** Rules across keys or environments that no single schema can say. */
  readonly checks?: ReadonlyArray<(merged: Record<string, unknown>, env: MwanaEnvironment['env']) => ConfigProblem[]>;
}

/** One bad key: what is wrong and which layer set the value. */
export interface ConfigProblem {
  readonly key: string;
  readonly message: string;
  readonly setBy: string;
}

/** The boot stops on this: one message naming every bad key and the file that set it. */
export class ConfigValidationError extends Error {
  constructor(
    readonly country: string,
    readonly env: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `Configuration of ${country} (${env}) is invalid:\n` +
        problems.map((p) => `  - ${p.key}: ${p.message} (set by ${p.setBy})`).join('\n'),
    );
    this.name = 'ConfigValidationError';
  }
}

export function rootSchema(sections: readonly ConfigSection[]): z.ZodObject {
  const names = new Set<string>();
  for (const section of sections) {
    if (names.has(section.name)) throw new Error(`Config section "${section.name}" is declared twice.`);
    names.add(section.name);
  }
  return z.strictObject(Object.fromEntries(sections.map((s) => [s.name, s.schema.prefault({})])));
}

/** Reads the chain project -> country -> environment -> local -> variables and validates it. */
export function loadConfig(options: LoadConfigOptions): MwanaConfig {
  const schema = rootSchema(options.sections);
  const files = readFileLayers(join(options.countryDir, 'config'), options.environment.env);
  const layers: ConfigLayer[] = [
    ...files,
    variablesLayer(options.environment.variables, schema, mergeLayers(files).merged),
  ];
  const { merged, provenance } = mergeLayers(layers);
  const result = schema.safeParse(merged);
  const problems = [
    ...(result.success ? [] : describeIssues(result.error, provenance)),
    ...(options.checks ?? []).flatMap((check) => check(merged, options.environment.env)),
  ];
  if (!result.success || problems.length > 0) {
    throw new ConfigValidationError(options.country, options.environment.env, problems);
  }
  const values = result.data as Record<string, unknown>;
  return new MwanaConfig(
    options.country,
    options.environment.env,
    options.environment.role,
    options.countryDir,
    values,
    withDefaults(values, provenance, merged),
    schema,
  );
}

/**
 * A config from values in code instead of files (tests, tools): the values are the country
 * layer, validated against the sections like the chain is.
 */
export function buildConfig(options: {
  country: string;
  countryDir?: string;
  sections: readonly ConfigSection[];
  values: Record<string, unknown>;
  environment?: MwanaEnvironment;
}): MwanaConfig {
  const schema = rootSchema(options.sections);
  const environment = options.environment ?? { env: 'test', role: 'all', variables: [] };
  const layer: ConfigLayer = { name: 'country', entries: flatten(options.values, [], 'code') };
  const { merged, provenance } = mergeLayers([
    layer,
    variablesLayer(environment.variables, schema, mergeLayers([layer]).merged),
  ]);
  const result = schema.safeParse(merged);
  if (!result.success)
    throw new ConfigValidationError(options.country, environment.env, describeIssues(result.error, provenance));
  const values = result.data as Record<string, unknown>;
  return new MwanaConfig(
    options.country,
    environment.env,
    environment.role,
    options.countryDir ?? process.cwd(),
    values,
    withDefaults(values, provenance, merged),
    schema,
  );
}

/** Later layers win; a leaf replaces whatever an earlier layer had at or below its path. */
export function mergeLayers(layers: readonly ConfigLayer[]): {
  merged: Record<string, unknown>;
  provenance: Map<string, Provenance>;
} {
  const merged: Record<string, unknown> = {};
  const provenance = new Map<string, Provenance>();
  for (const layer of layers) {
    for (const entry of layer.entries) {
      setPath(merged, entry);
      const key = entry.path.join('.');
      // What an earlier layer set at or below this key is replaced; a map it set whole above
      // this key still holds its other values, so its provenance stays for them.
      for (const existing of [...provenance.keys()]) {
        if (existing === key || existing.startsWith(`${key}.`)) provenance.delete(existing);
      }
      provenance.set(key, { layer: layer.name, source: entry.source });
    }
  }
  return { merged, provenance };
}

function setPath(target: Record<string, unknown>, entry: LayerEntry): void {
  let node = target;
  entry.path.slice(0, -1).forEach((key) => {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  node[entry.path[entry.path.length - 1]] = entry.value;
}

/**
 * Every leaf of the validated values that no layer set came from the project defaults: one
 * not in what the layers merged, even below a map a layer set whole (a gateway's default
 * timeout, in a map of gateways given as one variable).
 */
function withDefaults(
  values: Record<string, unknown>,
  provenance: Map<string, Provenance>,
  merged: Record<string, unknown>,
): Map<string, Provenance> {
  const all = new Map(provenance);
  const walk = (node: Record<string, unknown>, prefix: string, given: unknown) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const set = isPlainObject(given) ? given[key] : undefined;
      if (isPlainObject(value) && Object.keys(value).length > 0) walk(value, path, set);
      else if (set === undefined && !provenance.has(path)) all.set(path, { layer: 'project', source: 'default' });
    }
  };
  walk(values, '', merged);
  return all;
}

function describeIssues(error: z.ZodError, provenance: Map<string, Provenance>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...base, key].join('.');
        problems.push({ key: path, message: 'unknown key', setBy: setBy(path, provenance) });
      }
    } else {
      const path = base.join('.');
      problems.push({ key: path || '(top)', message: issue.message, setBy: setBy(path, provenance) });
    }
  }
  return problems;
}

/** The source that set this key, or the nearest source that set a key inside it. */
function setBy(path: string, provenance: Map<string, Provenance>): string {
  const exact = provenance.get(path);
  if (exact) return exact.source;
  const below = [...provenance.entries()].filter(([key]) => key.startsWith(`${path}.`)).map(([, p]) => p.source);
  const above = [...provenance.entries()].find(([key]) => path.startsWith(`${key}.`));
  if (above) return above[1].source;
  if (below.length > 0) return [...new Set(below)].join(', ');
  return 'no layer: it is required';
}
