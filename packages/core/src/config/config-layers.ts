import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { schemaAt, unwrapAll } from './schema-paths';
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
 * section whose name matches ignoring case and underscores (a map's key: one the files
 * already set, else the name in lower case with `-` for `_`); the value is read as YAML
 * where the schema wants a number, a boolean, a list or a map, and kept as text otherwise
 * (so a password of digits stays text). `base`, what the files set, tells the schema of a
 * value whose kind is given beside it (a gateway's options, by its `type`).
 */
export function variablesLayer(
  variables: readonly ConfigVariable[],
  root: z.ZodType,
  base: Record<string, unknown> = {},
): ConfigLayer {
  const resolved = variables.map((variable) => ({ variable, path: resolveKeys(variable.path, root, base) }));
  // What the values will be once merged, to pick each variable's schema by its neighbours.
  const view = structuredClone(base);
  for (const { variable, path } of resolved) setAt(view, path, variable.value);
  const entries = resolved.map(({ variable, path }): LayerEntry => ({
    path,
    value: coerce(variable.value, schemaAt(root, path, view)),
    source: variable.name,
  }));
  return { name: 'variables', entries };
}

const squash = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

function resolveKeys(raw: readonly string[], root: z.ZodType, base: Record<string, unknown>): string[] {
  const path: string[] = [];
  let node: unknown = base;
  for (const segment of raw) {
    const parent = schemaAt(root, path, base);
    const inner = parent && unwrapAll(parent);
    const declared = inner instanceof z.ZodObject ? Object.keys(inner.shape) : unionKeys(inner);
    const present = isPlainObject(node) ? Object.keys(node) : [];
    const key =
      declared.find((k) => squash(k) === squash(segment)) ??
      present.find((k) => squash(k) === squash(segment)) ??
      (inner?.def.type === 'record' ? segment.toLowerCase().replace(/_/g, '-') : camelCase(segment));
    path.push(key);
    node = isPlainObject(node) ? node[key] : undefined;
  }
  return path;
}

/** The keys any option of a union of objects declares. */
function unionKeys(schema: z.ZodType | undefined): string[] {
  const options = (schema?.def as { type?: string; options?: z.ZodType[] } | undefined)?.options;
  if (schema?.def.type !== 'union' || !options) return [];
  return options.flatMap((option) => {
    const inner = unwrapAll(option);
    return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
  });
}

function camelCase(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

const STRUCTURED = new Set(['number', 'int', 'bigint', 'boolean', 'array', 'object', 'record', 'tuple']);

/** A value YAML should read: a number, a boolean, a list or a map (a union, when every option is one). */
function structured(schema: z.ZodType): boolean {
  const inner = unwrapAll(schema);
  const options = (inner.def as { options?: z.ZodType[] }).options;
  if (inner.def.type === 'union' && options) return options.every(structured);
  return STRUCTURED.has(inner.def.type);
}

function coerce(value: string, schema: z.ZodType | undefined): unknown {
  if (!schema || !structured(schema)) return value;
  try {
    return parseYaml(value) as unknown;
  } catch {
    return value; // the schema then names the variable and what it expected
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
