import { z } from 'zod';
import { isSecret } from './config-section';

const WRAPPERS = ['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch'];

/** Unwraps optional, default and nullable wrappers (and a transform's input) down to the schema that says the type. */
export function unwrapAll(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if (def.innerType && WRAPPERS.includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/**
 * The schemas that may hold `key` below `schema`, given the value found there (if known):
 * an object's field, a record's or a list's items, and for a union the options the value
 * can be (a discriminated union picks by its discriminator, e.g. a gateway's `type`).
 */
export function childSchemas(schema: z.ZodType, key: string, value?: unknown): z.ZodType[] {
  const inner = unwrapAll(schema);
  const def = inner.def as {
    type: string;
    valueType?: z.ZodType;
    element?: z.ZodType;
    options?: z.ZodType[];
    discriminator?: string;
  };
  if (inner instanceof z.ZodObject) {
    const field = (inner.shape as Record<string, z.ZodType>)[key];
    return field ? [field] : [];
  }
  if (def.type === 'record' && def.valueType) return [def.valueType];
  if (def.type === 'array' && def.element) return [def.element];
  if (def.type === 'union' && def.options)
    return unionOptions(def.options, def.discriminator, value).flatMap((o) => childSchemas(o, key));
  return [];
}

function unionOptions(options: z.ZodType[], discriminator: string | undefined, value: unknown): z.ZodType[] {
  if (!discriminator || typeof value !== 'object' || value === null) return options;
  const given = (value as Record<string, unknown>)[discriminator];
  const matching = options.filter((option) => {
    const field = childSchemas(option, discriminator)[0];
    const values = field && (unwrapAll(field).def as { values?: unknown[] }).values;
    return values?.includes(given) ?? false;
  });
  return matching.length > 0 ? matching : options;
}

/** The schema at a path of keys below `root`, reading `values` to tell union options apart; undefined where none declares it. */
export function schemaAt(root: z.ZodType, path: readonly string[], values?: unknown): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  let value = values;
  for (const key of path) {
    if (!current) return undefined;
    current = childSchemas(current, key, value)[0];
    value = child(value, key);
  }
  return current;
}

/** True when the schema at this path, or one above it, was marked `secret()`; in a union, when any option the value may be marks it. */
export function isSecretPath(root: z.ZodType, path: readonly string[], values?: unknown): boolean {
  let candidates: z.ZodType[] = [root];
  let value = values;
  for (const key of path) {
    candidates = candidates.flatMap((schema) => childSchemas(schema, key, value));
    if (candidates.length === 0) return false;
    if (candidates.some(markedSecret)) return true;
    value = child(value, key);
  }
  return false;
}

/** A copy of `value` with every leaf its schema marks secret replaced by `mask` (an empty text stays empty). */
export function maskSecrets(schema: z.ZodType, value: unknown, mask: string): unknown {
  return walk([schema], value, false);
  function walk(schemas: z.ZodType[], node: unknown, secret: boolean): unknown {
    const hidden = secret || schemas.some(markedSecret);
    if (Array.isArray(node)) return node.map((item, i) => walk(below(schemas, String(i), node), item, hidden));
    if (typeof node === 'object' && node !== null && !(node instanceof Date)) {
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [key, walk(below(schemas, key, node), item, hidden)]),
      );
    }
    if (!hidden || node === undefined || node === null) return node;
    return typeof node === 'string' && node.length === 0 ? '' : mask;
  }
  function below(schemas: z.ZodType[], key: string, node: unknown): z.ZodType[] {
    return schemas.flatMap((s) => childSchemas(s, key, node));
  }
}

function markedSecret(schema: z.ZodType): boolean {
  let current = schema;
  for (;;) {
    if (isSecret(current)) return true;
    const def = current.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!next) return false;
    current = next;
  }
}

function child(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
