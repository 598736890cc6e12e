import type { FastifyInstance } from 'fastify';
import { ConversationHarness } from '../testing/harness';
import { servedRoutes, validateOpenApi as validate } from '../testing/openapi';
import { contactBody, contactsQuery } from './contact-schemas';
import { messagesQuery, sendMessageBody } from './message-schemas';

type Doc = {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown> };
};

describe('/api/openapi.json: generated from the routes’ zod schemas, valid OpenAPI 3.1 (real HTTP)', () => {
  let harness: ConversationHarness;
  let doc: Doc;

  beforeAll(async () => {
    harness = await ConversationHarness.create({
      http: true,
      config: {
        backends: {
          pollMs: 0,
          gateways: {
            tester: { type: 'tester' },
            airtel: { type: 'kannel', username: 'u', password: 'p', secret: 'kannel-secret-0123456789' },
            web: {
              type: 'http',
              url: 'http://127.0.0.1:9/send',
              secret: 'http-secret-0123456789abc',
              fields: { from: 'msisdn' },
            },
          },
        },
      },
    });
    const response = await fetch(`${harness.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    doc = (await response.json()) as Doc;
  });
  afterAll(() => harness.close());

  it('passes a real OpenAPI parser’s validation, every $ref resolving', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Mwana Testland API');
    expect(await validate(doc)).toBeNull();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(5);
    for (const name of refs) expect(doc.components.schemas[name]).toBeDefined();
  });

  it('a broken document fails the same parser (the check can fail)', async () => {
    const broken = structuredClone(doc) as unknown as {
      paths: Record<string, Record<string, { responses?: unknown }>>;
    };
    broken.paths['/api/messages'].get.responses = {
      '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Nowhere' } } } },
    };
    expect(await validate(broken)).toContain('Nowhere');
  });

  it('describes every route the server answers, and none it does not', () => {
    const served = servedRoutes(harness.app?.getHttpAdapter().getInstance() as FastifyInstance).filter(
      // The console's pages are HTML for people; its assets and the gateway dispatcher's
      // templates are described per gateway below.
      (r) => !/ \/console/.test(r) && !r.includes('{action}'),
    );
    const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(served.length).toBeGreaterThanOrEqual(7);
    for (const route of served) expect(described).toContain(route);
    // ... and nothing it does not serve: a gateway's webhook is the dispatcher's `{action}`.
    const all = servedRoutes(harness.app?.getHttpAdapter().getInstance() as FastifyInstance);
    for (const route of described) {
      expect([
        route,
        all.includes(route.replace(/^(\w+) \/backends\/(?!\{name\})[\w-]+\/\w+$/, '$1 /backends/{name}/{action}')),
      ]).toEqual([route, true]);
    }
    // Each configured gateway's webhooks, by its own name and field names.
    expect(described).toEqual(
      expect.arrayContaining([
        'GET /backends/airtel/incoming',
        'GET /backends/airtel/dlr',
        'POST /backends/web/incoming',
      ]),
    );
    const kannel = doc.paths['/backends/airtel/incoming'].get.parameters?.map((p) => p.name);
    expect(kannel).toEqual(expect.arrayContaining(['id', 'text', 'secret', 'message_id']));
    expect(JSON.stringify(doc.paths['/backends/web/incoming'].post.requestBody)).toContain('msisdn');
  });

  it('takes its parameters and bodies from the zod schemas the routes validate with', () => {
    const listed = doc.paths['/api/messages'].get.parameters?.map((p) => p.name).sort();
    expect(listed).toEqual(Object.keys(messagesQuery.shape).sort());
    expect(doc.components.schemas.SendMessage).toMatchObject({
      type: 'object',
      required: ['to', 'text'],
      additionalProperties: false,
      properties: { text: { type: 'string', minLength: 1, maxLength: 1600 } },
    });
    expect(Object.keys((doc.components.schemas.SendMessage as { properties: object }).properties).sort()).toEqual(
      Object.keys(sendMessageBody.shape).sort(),
    );
    const post = doc.paths['/api/messages'].post.parameters ?? [];
    expect(post).toEqual([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]);
    // The contacts API likewise.
    expect(doc.paths['/api/contacts'].get.parameters?.map((p) => p.name).sort()).toEqual(
      Object.keys(contactsQuery.shape).sort(),
    );
    expect(Object.keys(doc.paths['/api/contacts/{id}']).sort()).toEqual(['get', 'patch']);
    expect(doc.components.schemas.NewContact).toMatchObject({
      required: ['name', 'phones'],
      additionalProperties: false,
      properties: { phones: { type: 'array', minItems: 1 } },
    });
    expect(Object.keys((doc.components.schemas.NewContact as { properties: object }).properties).sort()).toEqual(
      Object.keys(contactBody.shape).sort(),
    );
  });
});
