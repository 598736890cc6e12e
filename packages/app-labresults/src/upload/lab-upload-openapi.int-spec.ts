import { type ConversationHarness, servedRoutes, validateOpenApi } from '@mwana/core/testing';
import type { LabResultsBuilders } from '../testing/labresults.builders';
import { ZAMBIA, createLabResultsHarness } from '../testing/labresults.harness';
import { LabAccountsService } from './lab-accounts.service';
import { logSchema, payloadMetaSchema, sampleSchema } from './payload.schema';

type Schema = { properties?: Record<string, unknown>; required?: string[]; $ref?: string; items?: Schema };
type Operation = {
  security?: unknown;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }>; headers?: Record<string, unknown> }>;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
};

const AUTH = `Basic ${Buffer.from('adh-lab:s3cret-lab').toString('base64')}`;

describe('the lab upload in /api/openapi.json (real HTTP, a real OpenAPI parser)', () => {
  let harness: ConversationHarness<LabResultsBuilders>;
  let doc: Doc;

  beforeAll(async () => {
    harness = await createLabResultsHarness(ZAMBIA, { http: true });
    await harness.get(LabAccountsService).add('ADH-Lab', 's3cret-lab');
    doc = (await (await fetch(`${harness.url}/api/openapi.json`)).json()) as Doc;
  });
  afterAll(() => harness.close());

  it('stays valid OpenAPI 3.1 with the upload in it', async () => {
    expect(await validateOpenApi(doc)).toBeNull();
    expect(doc.components.securitySchemes.labBasic).toMatchObject({ type: 'http', scheme: 'basic' });
  });

  it('describes every route the server answers, the upload with and without its slash included, and none it does not', () => {
    const fastify = harness.app?.getHttpAdapter().getInstance() as Parameters<typeof servedRoutes>[0];
    const all = servedRoutes(fastify);
    const served = all.filter((r) => !/ \/console/.test(r) && !r.includes('{action}'));
    const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(served).toEqual(expect.arrayContaining(['POST /labresults/incoming/', 'POST /labresults/incoming']));
    for (const route of served) expect(described).toContain(route);
    for (const route of described) {
      expect([
        route,
        all.includes(route) ||
          all.includes(route.replace(/^(\w+) \/backends\/(?!\{name\})[\w-]+\/\w+$/, '$1 /backends/{name}/{action}')),
      ]).toEqual([route, true]);
    }
  });

  it('takes the body from the schemas the route validates with, with HTTP Basic as a lab account', () => {
    const post = doc.paths['/labresults/incoming/'].post;
    expect(post.security).toEqual([{ labBasic: [] }]);
    expect(Object.keys(post.requestBody?.content ?? {})).toEqual(['application/json', 'text/json']);
    const payload = doc.components.schemas.LabPayload;
    expect(Object.keys(payload.properties ?? {}).sort()).toEqual(
      [...Object.keys(payloadMetaSchema.shape), 'logs', 'samples'].sort(),
    );
    const sample = doc.components.schemas.LabSample;
    expect(Object.keys(sample.properties ?? {}).sort()).toEqual(Object.keys(sampleSchema.shape).sort());
    expect(sample.required?.sort()).toEqual(['fac', 'id', 'sync']);
    const logs = (payload.properties?.logs as { anyOf?: Schema[] }).anyOf?.find((s) => s.items)?.items;
    expect(Object.keys(logs?.properties ?? {}).sort()).toEqual(Object.keys(logSchema.shape).sort());
  });

  it('answers what it describes: the applied counts, the problems of a bad body, 405 for other methods', async () => {
    const upload = (body: string) =>
      fetch(`${harness.url}/labresults/incoming/`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/json', accept: 'application/json', authorization: AUTH },
      });
    const described = (status: string, method = 'post') =>
      Object.keys(
        doc.paths['/labresults/incoming/'][method].responses[status].content?.['application/json'].schema.properties ??
          {},
      ).sort();
    const $ref = (status: string) =>
      doc.paths['/labresults/incoming/'].post.responses[status].content?.['application/json'].schema.$ref ?? '';
    const schemaKeys = (status: string) =>
      Object.keys(doc.components.schemas[$ref(status).split('/').pop() ?? ''].properties ?? {}).sort();

    const applied = await upload(JSON.stringify({ source: 'ndola/adh', samples: [], logs: [] }));
    expect(applied.status).toBe(200);
    expect(Object.keys((await applied.json()) as object).sort()).toEqual(schemaKeys('200'));
    const invalid = await upload(JSON.stringify({ samples: [{ id: '1' }] }));
    expect(invalid.status).toBe(400);
    expect(Object.keys((await invalid.json()) as object).sort()).toEqual(schemaKeys('400'));
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      const refused = await fetch(`${harness.url}/labresults/incoming`, {
        method,
        headers: { accept: 'application/json' },
      });
      expect([method, refused.status, refused.headers.get('allow')]).toEqual([method, 405, 'POST']);
      expect(Object.keys((await refused.json()) as object)).toEqual(described('405', method.toLowerCase()));
    }
  });
});
