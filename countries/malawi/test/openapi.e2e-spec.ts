import { servedRoutes, useCountryApp, validateOpenApi } from '@mwana/core/testing';
import { malawi } from '../src/country';

type Doc = { paths: Record<string, Record<string, unknown>> };

describe('malawi: /api/openapi.json (real HTTP, a real OpenAPI parser)', () => {
  const running = useCountryApp(malawi);

  it('describes in a valid OpenAPI document every route the whole app answers (the apps’ too), and none it does not', async () => {
    const response = await fetch(`${running().url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Doc;
    expect(await validateOpenApi(doc)).toBeNull();
    const all = servedRoutes(running().app.getHttpAdapter().getInstance());
    // The console's pages are HTML for people; a gateway's webhooks are described per gateway.
    const served = all.filter((r) => !/ \/console/.test(r) && !r.includes('{action}'));
    const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(served).toEqual(
      expect.arrayContaining(['POST /api/messages', 'POST /api/broadcasts', 'POST /labresults/incoming/']),
    );
    expect(served.filter((route) => !described.includes(route))).toEqual([]);
    expect(
      described.filter(
        (route) =>
          !all.includes(route) &&
          !all.includes(route.replace(/^(\w+) \/backends\/(?!\{name\})[\w-]+\/\w+$/, '$1 /backends/{name}/{action}')),
      ),
    ).toEqual([]);
  });
});
