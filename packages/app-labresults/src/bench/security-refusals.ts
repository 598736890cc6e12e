import { createHmac } from 'node:crypto';
import { ConsoleClient, type ConversationHarness } from '@mwana/core/testing';
import type { LabResultsBuilders } from '../testing/labresults.builders';

type Harness = ConversationHarness<LabResultsBuilders>;

export const KANNEL_SECRET = 'kannel-secret-0123456789';
export const TWILIO_TOKEN = 'twilio-auth-token-0123456789';
export const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const AT_SECRET = 'at-callback-secret-0123456789';
export const API_TOKEN = 'suite-token-0123456789abcdef';

/** The gateways the suite attacks (none can send: their APIs point at a closed port). */
export const SUITE_GATEWAYS = {
  tester: { type: 'tester' },
  kannel: {
    type: 'kannel',
    sendsmsUrl: 'http://127.0.0.1:9/cgi-bin/sendsms',
    username: 'mwana',
    password: 'kannel-password-0123',
    secret: KANNEL_SECRET,
  },
  twilio: {
    type: 'twilio',
    accountSid: TWILIO_SID,
    authToken: TWILIO_TOKEN,
    from: '+15005550006',
    apiBaseUrl: 'http://127.0.0.1:9',
  },
  at: {
    type: 'africastalking',
    username: 'mwana-zm',
    apiKey: 'at-api-key-0123456789',
    from: '40404',
    apiBaseUrl: 'http://127.0.0.1:9',
    secret: AT_SECRET,
  },
};

/** Twilio's request signature (HMAC-SHA1 of the URL and the sorted parameters, base64). */
function twilioSignature(token: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', token).update(data).digest('base64');
}

/** One refusal: what was tried, the statuses it got, and whether it was refused with nothing changed. */
export interface Refusal {
  readonly attack: string;
  readonly statuses: readonly number[];
  readonly refused: boolean;
  readonly changed: boolean;
}

/** Rows of every table a refused request could have written: messages, contacts, approvals, console users, lab payloads. */
async function footprint(harness: Harness): Promise<string> {
  const [row]: Array<{ f: string }> = await harness.dataSource.query(
    `SELECT concat_ws(',', (SELECT count(*) FROM message), (SELECT count(*) FROM contact), (SELECT count(*) FROM connection),
                       (SELECT count(*) FROM clinic_worker_approval WHERE status <> 'pending'), (SELECT count(*) FROM console_user),
                       (SELECT count(*) FROM lab_payload), (SELECT count(*) FROM lab_result)) AS f`,
  );
  return row.f;
}

/**
 * Requests without the right credentials, each 20 times at once: gateway callbacks unsigned,
 * tampered or with a wrong secret, lab uploads without or with wrong credentials, the
 * console and the API without a session or token, a console POST without its CSRF token.
 * Each must be answered with a refusal and change nothing.
 */
export async function refusals(harness: Harness): Promise<Refusal[]> {
  await harness.reset();
  const clinic = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
  await harness.build.clinicWorker({ clinic, name: 'Mary Phiri', pin: '8765' });
  const stranger = await harness.build.contact({
    name: 'Pending Person',
    roles: ['clinic-worker'],
    locationId: clinic.id,
  });
  await harness.dataSource.query(
    `INSERT INTO clinic_worker_approval (contact_id, clinic_id, status, requested_at) VALUES ($1, $2, 'pending', now())`,
    [stranger.id, clinic.id],
  );
  const url = harness.url;
  const sms = { From: '+260977000077', To: '+15005550006', Body: 'JOIN CLINIC 403012 Evil Person 1111' };
  const twilioParams = { MessageSid: 'SM1', SmsSid: 'SM1', AccountSid: TWILIO_SID, ...sms };
  const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
  const loggedIn = await ConsoleClient.loggedIn(harness, 'suite-admin', 'a long suite password');
  const attacks: Array<[string, (i: number) => Promise<Response>, (status: number) => boolean]> = [
    [
      'Twilio callback unsigned',
      () =>
        fetch(`${url}/backends/twilio/incoming`, { method: 'POST', headers: formHeaders, body: form(twilioParams) }),
      (s) => s === 403,
    ],
    [
      'Twilio callback tampered (signed, Body changed)',
      () => {
        const signature = twilioSignature(TWILIO_TOKEN, `${url}/backends/twilio/incoming`, twilioParams);
        return fetch(`${url}/backends/twilio/incoming`, {
          method: 'POST',
          headers: { ...formHeaders, 'x-twilio-signature': signature },
          body: form({ ...twilioParams, Body: 'JOIN CLINIC 403012 Evil Person 2222' }),
        });
      },
      (s) => s === 403,
    ],
    [
      "Africa's Talking callback without its secret",
      (i) =>
        fetch(`${url}/backends/at/incoming`, {
          method: 'POST',
          headers: formHeaders,
          body: form({ from: sms.From, to: '40404', text: sms.Body, id: `at-${i}`, date: '2026-05-06 10:30:45' }),
        }),
      (s) => s === 401 || s === 403,
    ],
    [
      "Africa's Talking callback with a wrong secret",
      (i) =>
        fetch(`${url}/backends/at/incoming?secret=not-the-secret`, {
          method: 'POST',
          headers: formHeaders,
          body: form({ from: sms.From, to: '40404', text: sms.Body, id: `at-w-${i}`, date: '2026-05-06 10:30:45' }),
        }),
      (s) => s === 401 || s === 403,
    ],
    [
      'Kannel with a wrong secret',
      (i) =>
        fetch(
          `${url}/backends/kannel/incoming?secret=wrong-secret&id=${encodeURIComponent(sms.From)}&text=${encodeURIComponent(sms.Body)}&message_id=k-${i}`,
        ),
      (s) => s === 401 || s === 403,
    ],
    [
      'Kannel without a secret',
      (i) =>
        fetch(
          `${url}/backends/kannel/incoming?id=${encodeURIComponent(sms.From)}&text=${encodeURIComponent(sms.Body)}&message_id=k2-${i}`,
        ),
      (s) => s === 401 || s === 403,
    ],
    [
      'lab upload without credentials',
      () =>
        fetch(`${url}/labresults/incoming`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
      (s) => s === 401 || s === 429,
    ],
    [
      'lab upload with a wrong password',
      (i) =>
        fetch(`${url}/labresults/incoming`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Basic ${Buffer.from(`lab-a:wrong-${i}`).toString('base64')}`,
          },
          body: '{}',
        }),
      (s) => s === 401 || s === 429,
    ],
    [
      'console page without login',
      () => fetch(`${url}/console/messages`, { redirect: 'manual' }),
      (s) => s === 303 || s === 302 || s === 401,
    ],
    ['GET /api/messages without a token', () => fetch(`${url}/api/messages`), (s) => s === 401],
    [
      'GET /api/messages with a wrong token',
      () => fetch(`${url}/api/messages`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } }),
      (s) => s === 401,
    ],
    [
      'console POST (approve) without login',
      () =>
        fetch(`${url}/console/labresults/approvals`, {
          method: 'POST',
          headers: formHeaders,
          body: form({ action: 'approve', contact: String(stranger.id) }),
          redirect: 'manual',
        }),
      (s) => s === 303 || s === 302 || s === 401 || s === 403,
    ],
    [
      'console POST (approve) logged in, no CSRF token (CSRF)',
      () => loggedIn.post('/console/labresults/approvals', { action: 'approve', contact: String(stranger.id) }),
      (s) => s === 403,
    ],
    [
      'console POST (approve) logged in, a made-up CSRF token',
      () =>
        loggedIn.post('/console/labresults/approvals', {
          _csrf: 'made-up-token',
          action: 'approve',
          contact: String(stranger.id),
        }),
      (s) => s === 403,
    ],
  ];
  const out: Refusal[] = [];
  for (const [attack, request, isRefusal] of attacks) {
    const before = await footprint(harness);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const response = await request(i);
        await response.arrayBuffer();
        return response.status;
      }),
    );
    out.push({
      attack,
      statuses: [...new Set(statuses)].sort(),
      refused: statuses.every(isRefusal),
      changed: (await footprint(harness)) !== before,
    });
  }
  return out;
}

/** `X-Forwarded-Proto: https` from a client that is no configured proxy: not believed (no Secure cookie, no HSTS). */
export async function forwardedProtoSpoof(harness: Harness): Promise<{ believed: boolean }> {
  const response = await fetch(`${harness.url}/console/login`, {
    headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
  });
  await response.arrayBuffer();
  const secure = response.headers.getSetCookie().some((c) => /;\s*Secure/i.test(c));
  return { believed: secure || response.headers.get('strict-transport-security') !== null };
}

/** PINs and result words anywhere outside the result tables, in `GET /api/messages` and the console's message log. */
export async function secretsOutside(harness: Harness, secrets: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const look = (where: string, text: string) => {
    for (const secret of secrets) if (text.includes(secret)) found.push(`${where}: ${secret}`);
  };
  const columns: Array<{ schema: string; table: string; column: string }> = await harness.dataSource.query(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
        AND NOT (c.table_schema = 'public' AND c.table_name IN ('lab_result', 'lab_payload'))`,
  );
  for (const { schema, table, column } of columns) {
    const rows: Array<{ v: string | null }> = await harness.dataSource.query(
      `SELECT "${column}"::text AS v FROM "${schema}"."${table}"`,
    );
    for (const row of rows) if (row.v) look(`${schema}.${table}.${column}`, row.v);
  }
  const api = await fetch(`${harness.url}/api/messages?limit=500`, {
    headers: { authorization: `Bearer ${API_TOKEN}` },
  });
  look('GET /api/messages', await api.text());
  const client = await ConsoleClient.loggedIn(harness, 'suite-reader', 'a long suite password');
  look('/console/messages', await client.page('/console/messages'));
  return [...new Set(found)];
}
