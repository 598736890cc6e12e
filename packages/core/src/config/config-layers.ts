import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { schemaAt, unwrapAll } from './config-section';
import type { ConfigVariable, MwanaEnv } from './environment';

export const LAYER_NAMES = ['project', 'country', 'environment', 'local', 'variables'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

/** One value a layer sets, with where it was set (a file or a variable name). */
export interface LayerEntry {
  readonly path: readonly string[];
  readonly value: unknown;
  readonly source: string;
}

export interface ConfigLayer {
  readonly name: LayerName;
  readonly entries: readonly LayerEntry[];
}

/** A file of the chain that could not be read as YAML, or held something else than a map. */
export class ConfigFileError extends Error {}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** country.yaml, <env>.yaml and local.yaml of a country, those that exist, in chain order. */
export function readFileLayers(configDir: string, env: MwanaEnv): ConfigLayer[] {
  const files: Array<[LayerName, string, boolean]> = [
    ['country', join(configDir, 'country.yaml'), true],
    ['environment', join(configDir, `${env}.yaml`), false],
    ['local', join(configDir, 'local.yaml'), false],
  ];
  const layers: ConfigLayer[] = [];
  for (const [name, file, required] of files) {
    if (!existsSync(file)) {
      if (required) throw new ConfigFileError(`${displayPath(file)}: missing; every country has one.`);
      continue;
    }
    layers.push({ name, entries: flatten(readYamlMap(file), [], displayPath(file)) });
  }
  return layers;
}

function readYamlMap(file: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos ? `:${error.linePos[0].line}` : '';
      throw new ConfigFileError(`${displayPath(file)}${where}: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
  if (data === null || data === undefined) return {};
  if (!isPlainObject(data)) throw new ConfigFileError(`${displayPath(file)}: expected a map of sections at the top.`);
  return data;
}

/** Leaves of a YAML map: scalars, arrays and empty maps each set one key. */
export function flatten(data: Record<string, unknown>, prefix: string[], source: string): LayerEntry[] {
  const entries: LayerEntry[] = [];
  for (const [key, value] of Object.entries(data)) {
    const path = [...prefix, key];
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      entries.push(...flatten(value, path, source));
    } else {
      entries.push({ path, value, source });
    }
  }
  return entries;
}

/**
 * The variables layer. `MWANA__LAB_RESULTS__BATCH_SIZE` finds the key `batchSize` of the
 * section whose name matches ignoring case and underscores; the value is read as YAML where
 * the schema wants a number, a boolean, a list or a map, and kept as text otherwise (so a
 * password of digits stays text).
 */
export function variablesLayer(variables: readonly ConfigVariable[], root: z.ZodType): ConfigLayer {
  const entries = variables.map((variable): LayerEntry => {
    const path = resolveKeys(variable.path, root);
    return { path, value: coerce(variable.value, schemaAt(root, path)), source: variable.name };
  });
  return { name: 'variables', entries };
}

const squash = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

function resolveKeys(raw: readonly string[], root: z.ZodType): string[] {
  const path: string[] = [];
  for (const segment of raw) {
    const parent = schemaAt(root, path);
    const inner = parent && unwrapAll(parent);
    const keys = inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
    path.push(keys.find((key) => squash(key) === squash(segment)) ?? camelCase(segment));
  }
  return path;
}

function camelCase(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const STRUCTURED = new Set(['number', 'int', 'bigint', 'boolean', 'array', 'object', 'record', 'tuple']);

function coerce(value: string, schema: z.ZodType | undefined): unknown {
  if (!schema || !STRUCTURED.has(unwrapAll(schema).def.type)) return value;
  try {
    return parseYaml(value) as unknown;
  } catch {
    return value; // the schema then names the variable and what it expected
  }
}

/**
 * An object whose schema the config chain could not see (a gateway's options, checked by its
 * type at boot): its string values where the schema wants a number, boolean or list are read
 * as YAML, as variables are for known keys (`MWANA__BACKENDS__GATEWAYS__ZAIN__TIMEOUT_MS=5000`).
 */
export function coerceStrings(value: Record<string, unknown>, schema: z.ZodType): Record<string, unknown> {
  const inner = unwrapAll(schema);
  if (!(inner instanceof z.ZodObject)) return value;
  const shape = inner.shape as Record<string, z.ZodType>;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      typeof item === 'string' && shape[key] ? coerce(item, shape[key]) : item,
    ]),
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
