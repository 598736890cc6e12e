import { z } from 'zod';
import { SESSION_COOKIE } from '../console/console-sessions.service';
import type { ApiOperation, ApiResponse } from './openapi-registry';

type Json = Record<string, unknown>;

/**
 * OpenAPI 3.1 from the operations' zod schemas (`z.toJSONSchema`, JSON Schema 2020-12, which
 * OpenAPI 3.1 takes as is). Schemas named with `.meta({ id })` become
 * `#/components/schemas/<id>`, referenced wherever they appear; query, path and header
 * parameters are the properties of the route's zod object, required unless optional or
 * defaulted. Requests are described as the route reads them (`io: 'input'`), responses as
 * it writes them.
 */
export function openApiDocument(options: {
  title: string;
  serverUrl?: string;
  operations: readonly ApiOperation[];
  securitySchemes?: ReadonlyMap<string, Json>;
}): Json {
  const components: Record<string, Json> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    delete json.$schema;
    for (const [id, def] of Object.entries(defs)) components[id] = relink(def) as Json;
    return relink(json) as Json;
  };
  const parameters = (where: 'query' | 'path' | 'header', object: z.ZodObject | undefined): Json[] =>
    Object.entries(object?.shape ?? {}).map(([name, field]) => {
      const schema = convert(field as z.ZodType, 'input');
      const { description, ...rest } = schema;
      return {
        name,
        in: where,
        required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
        ...(description ? { description } : {}),
        schema: rest,
      };
    });
  const response = (r: ApiResponse): Json => ({
    description: r.description,
    ...(r.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(r.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
          ),
        }
      : {}),
    ...(r.schema
      ? { content: { [r.contentType ?? 'application/json']: { schema: convert(r.schema, 'output') } } }
      : {}),
  });

  const paths: Record<string, Json> = {};
  for (const op of [...options.operations].sort((a, b) => a.path.localeCompare(b.path))) {
    const params = [
      ...parameters('path', op.params),
      ...parameters('query', op.query),
      ...parameters('header', op.headers),
    ];
    const body = op.body && convert(op.body.schema, 'input');
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        operationId: op.operationId,
        summary: op.summary,
        ...(op.description ? { description: op.description } : {}),
        ...(op.tags ? { tags: op.tags } : {}),
        ...(op.security ? { security: op.security } : {}),
        ...(params.length > 0 ? { parameters: params } : {}),
        ...(op.body
          ? {
              requestBody: {
                required: op.body.required ?? true,
                ...(op.body.description ? { description: op.body.description } : {}),
                content: Object.fromEntries(
                  (op.body.contentTypes ?? ['application/json']).map((type) => [type, { schema: body }]),
                ),
              },
            }
          : {}),
        responses: Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, response(r)])),
      },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: '1.0.0',
      description:
        'Every HTTP API of this Mwana server: the message log and sending, contacts, the message tester, the gateways’ webhooks, the health check and the apps’ own routes (the lab upload). Authenticate with `Authorization: Bearer <token>` (`mwana api-token add <name> --scope read,send`) or a console session cookie; with a session, POSTs also need the `X-CSRF-Token` header.',
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from `mwana api-token add` (scopes read, send, admin) or config `console.apiTokens`',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'A console login (POST needs X-CSRF-Token too)',
        },
        ...Object.fromEntries(options.securitySchemes ?? []),
      },
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

/** zod's `#/$defs/X` as the document's `#/components/schemas/X`. */
function relink(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relink);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : relink(v),
      ]),
    );
  }
  return value;
}
