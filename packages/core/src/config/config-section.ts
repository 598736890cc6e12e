import { z } from 'zod';

/**
 * A namespace of the configuration chain, declared by the module that owns it. The schema's
 * defaults are the chain's first layer ("project"); every key is checked, so a misspelt key
 * in a YAML file stops the boot instead of being ignored.
 *
 * @example
 * export const labResultsConfig = defineConfigSection('labresults', {
 *   batchSize: z.number().int().min(1).max(9).default(9),
 *   uploadPassword: secret(z.string().optional()),
 * });
 */
export interface ConfigSection<Name extends string = string, Shape extends z.ZodRawShape = z.ZodRawShape> {
  readonly name: Name;
  readonly schema: z.ZodObject<Shape>;
}

export type SectionValue<S extends ConfigSection> = z.output<S['schema']>;

export function defineConfigSection<Name extends string, Shape extends z.ZodRawShape>(
  name: Name,
  shape: Shape,
): ConfigSection<Name, Shape> {
  return { name, schema: z.strictObject(shape) };
}

const secrets = new WeakSet<z.ZodType>();

/** Marks a value as secret: `mwana config` prints it masked. */
export function secret<T extends z.ZodType>(schema: T): T {
  secrets.add(schema);
  return schema;
}

export function isSecret(schema: z.ZodType): boolean {
  return secrets.has(schema);
}

/** The schema at a path of keys below `root`, or undefined where no schema declares one. */
export function schemaAt(root: z.ZodType, path: readonly string[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const key of path) {
    if (!current) return undefined;
    const inner = unwrapAll(current);
    if (!(inner instanceof z.ZodObject)) return undefined;
    current = (inner.shape as Record<string, z.ZodType>)[key];
  }
  return current;
}

const WRAPPERS = ['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch'];

/** Unwraps optional, default and nullable wrappers down to the schema that says the type. */
export function unwrapAll(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current.def as { type: string; innerType?: z.ZodType };
    if (def.innerType && WRAPPERS.includes(def.type)) {
      current = def.innerType;
    } else {
      return current;
    }
  }
}

/** True when the schema at this path, or one of its wrappers, was marked secret. */
export function isSecretPath(root: z.ZodType, path: readonly string[]): boolean {
  let current: z.ZodType | undefined = root;
  for (const key of path) {
    if (!current) return false;
    const inner = unwrapAll(current);
    if (!(inner instanceof z.ZodObject)) return false;
    current = (inner.shape as Record<string, z.ZodType>)[key];
    if (current && chainHasSecret(current)) return true;
  }
  return false;
}

function chainHasSecret(schema: z.ZodType): boolean {
  let current = schema;
  for (;;) {
    if (secrets.has(current)) return true;
    const def = current.def as { type: string; innerType?: z.ZodType };
    if (!def.innerType) return false;
    current = def.innerType;
  }
}
