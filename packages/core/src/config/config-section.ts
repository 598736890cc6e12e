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

/**
 * Marks a value as secret: `mwana config` prints it masked wherever it sits (a field, a map's
 * values, a gateway's option) however the layer that set it was shaped (a whole map in one
 * variable included), since masking follows the schema, not the key's name.
 */
export function secret<T extends z.ZodType>(schema: T): T {
  secrets.add(schema);
  return schema;
}

export function isSecret(schema: z.ZodType): boolean {
  return secrets.has(schema);
}
