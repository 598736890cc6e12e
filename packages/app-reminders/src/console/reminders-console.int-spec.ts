import type { Location } from '@mwana/app-locations';
import { STARTUP_TIMEOUT_MS, ConsoleClient, type ConversationHarness } from '@mwana/core/testing';
import type { RemindersBuilders } from '../testing/reminders.builders';
import { ZAMBIA, createRemindersHarness } from '../testing/reminders.harness';
import { toCsv } from './table';

/** The text of each table row (cells joined by `|`, tags dropped), header rows left out. */
function rows(page: string): string[] {
  const body = page.replace(/<thead>[\s\S]*?<\/thead>/g, '');
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]
      .split(/<\/td>/)
      .map((cell) =>
        cell
          .replace(/<[^>]+>/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter((cell) => cell !== '')
      .join('|'),
  );
}

const TOKEN = 'reminders-console-token-0123456789';

describe('RemindMi console pages and CSV exports (real PostgreSQL and HTTP)', () => {
  let harness: ConversationHarness<RemindersBuilders>;
  let chifubu: Location;
  let kawama: Location;

  beforeAll(async () => {
    harness = await createRemindersHarness(ZAMBIA, {
      http: true,
      config: { console: { apiTokens: { script: TOKEN } } },
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.reset();
    harness.clock.set('2026-01-06T09:00:00Z');
    chifubu = await harness.build.place({ code: '403012', name: 'Chifubu Clinic' });
    kawama = await harness.build.place({ code: '403013', name: 'Kawama Clinic' });
  });

  // Logged in at the time the page is read: sessions expire by the (fake) clock.
  const login = (): Promise<ConsoleClient> => ConsoleClient.loggedIn(harness);

  it('shows nothing and exports nothing without a login', async () => {
    for (const path of [
      'reminders',
      'reminders/traces',
      'reminders/births',
      'reminders/agents',
      'reminders/export/agents.csv',
    ]) {
      const response = await fetch(`${harness.url}/console/${path}`, { redirect: 'manual' });
      expect([path, response.status]).toEqual([path, 303]);
    }
  });

  it('lists the next 14 days of appointments by clinic, reminded or not, and exports the same rows', async () => {
    const zone3 = await harness.build.zone(chifubu, '3');
    const zone1 = await harness.build.zone(kawama, '1');
    await harness.build.agent({ zone: zone3, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.build.event({ zone: zone3, clinic: chifubu, patient: 'Ruth Banda', date: '2026-01-04' }); // 6 day: 10/01
    await harness.build.event({ zone: zone1, clinic: kawama, patient: '=HYPERLINK(1)', date: '2025-11-30' }); // 6 week: 11/01
    await harness.build.event({ zone: zone3, clinic: chifubu, patient: 'Too Far', date: '2026-01-01' }); // 6 day: 07/01 ...
    await harness.build.event({ zone: zone3, clinic: chifubu, patient: 'Long Ago', date: '2025-06-01' }); // none in 14 days
    await harness.run('@ 2026-01-08T10:00:00Z\n! jobs run reminders.send-reminders\n+260977000001 <~ Ruth Banda');
    harness.clock.set('2026-01-08T11:00:00Z');
    const browser = await login();
    const page = await browser.page('/console/reminders');
    expect(rows(page)).toEqual([
      '10/01/2026|Chifubu Clinic|3|Ruth Banda|6 day|yes',
      '11/01/2026|Kawama Clinic|1|=HYPERLINK(1)|6 week|no',
    ]);
    expect(page).toContain('<strong>Chifubu Clinic</strong>: 1');
    expect(rows(await browser.page('/console/reminders?clinic=403013'))).toEqual([
      '11/01/2026|Kawama Clinic|1|=HYPERLINK(1)|6 week|no',
    ]);
    const csv = await browser.get('/console/reminders/export/appointments.csv?clinic=403012');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toBe(
      'Date,Clinic,Zone,Patient,Appointment,Reminded\r\n10/01/2026,Chifubu Clinic,3,Ruth Banda,6 day,yes\r\n',
    );
    // A spreadsheet must not run a name that looks like a formula.
    const all = await (await browser.get('/console/reminders/export/appointments.csv')).text();
    expect(all).toContain(`,'=HYPERLINK(1),`);
  });

  it('counts traces by state and age and lists the stuck ones', async () => {
    const zone3 = await harness.build.zone(chifubu, '3');
    await harness.build.agent({ zone: zone3, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.build.clinicWorker({ clinic: chifubu, name: 'Ruth Tembo', phone: '+260977000009' });
    await harness.run(`
      +260977000009 > TRACE Ann Phiri, Joy Tembo
      +260977000009 <~ Ann Phiri
      +260977000001 <~ Ann Phiri
      +260977000009 <~ Joy Tembo
      +260977000001 <~ Joy Tembo
      +260977000001 > TOLD Joy Tembo
      +260977000009 <~ has just told
      +260977000001 <~ ^Thank you
      @ +10d
      +260977000009 > TRACE Lea Zulu
      +260977000009 <~ Lea Zulu
      +260977000001 <~ Lea Zulu
    `);
    const browser = await login();
    const page = await browser.page('/console/reminders/traces');
    expect(rows(page)).toEqual([
      'new|1|0|1|0|0|2',
      'told|0|0|1|0|0|1',
      '2026-01-06|Chifubu Clinic|Ann Phiri|manual|new|10',
      '2026-01-06|Chifubu Clinic|Joy Tembo|manual|told|10|Mary Phiri',
    ]);
    expect(await (await browser.get('/console/reminders/export/stuck-traces.csv')).text()).toBe(
      'Started,Clinic,Patient,Kind,Status,Days,Agent who told\r\n2026-01-06,Chifubu Clinic,Ann Phiri,manual,new,10,\r\n2026-01-06,Chifubu Clinic,Joy Tembo,manual,told,10,Mary Phiri\r\n',
    );
  });

  it('counts births by agent and month, on the country’s calendar, with a chart', async () => {
    const zone3 = await harness.build.zone(chifubu, '3');
    await harness.build.agent({ zone: zone3, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.build.agent({ zone: zone3, name: 'John Banda', phone: '+260977000002' });
    await harness.run(`
      @ 2025-12-31T22:30:00Z
      +260977000001 > birth Ann Phiri
      +260977000001 <~ ^Thank you
      +260977000001 <~ clinic\\.$
      @ 2025-12-20T10:00:00Z
      +260977000001 > birth Joy Tembo
      +260977000001 <~ ^Thank you
      +260977000001 <~ clinic\\.$
      +260977000002 > birth Lea Zulu
      +260977000002 <~ ^Thank you
      +260977000002 <~ clinic\\.$
      +260977000099 > birth Eve Daka
      +260977000099 <~ ^Thank you
      +260977000099 <~ clinic\\.$
    `);
    harness.clock.set('2026-01-06T09:00:00Z');
    const browser = await login();
    const page = await browser.page('/console/reminders/births?from=2025-12&to=2026-01');
    // 22:30 UTC on 31 December is January in Lusaka.
    expect(rows(page)).toEqual([
      '(unregistered phones)|1|0|1',
      'John Banda|+260977000002|Chifubu Clinic|3|1|0|1',
      'Mary Phiri|+260977000001|Chifubu Clinic|3|1|1|2',
    ]);
    expect(page).toContain('<svg class="chart"');
    expect(page).toContain('<title>2025-12: 3</title>');
    expect(page).toContain('<title>2026-01: 1</title>');
    expect(await (await browser.get('/console/reminders/export/births.csv?from=2025-12&to=2026-01')).text()).toBe(
      'Agent,Phone,Clinic,Zone,2025-12,2026-01,Total\r\n(unregistered phones),,,,1,0,1\r\nJohn Banda,+260977000002,Chifubu Clinic,3,1,0,1\r\nMary Phiri,+260977000001,Chifubu Clinic,3,1,1,2\r\n',
    );
  });

  it('lists active agents per zone with the last SMS each sent, and lets a script export them with a token', async () => {
    const zone3 = await harness.build.zone(chifubu, '3');
    const zone10 = await harness.build.zone(chifubu, '10');
    await harness.build.agent({ zone: zone10, name: 'John Banda', phone: '+260977000002' });
    await harness.build.agent({ zone: zone3, name: 'Mary Phiri', phone: '+260977000001' });
    await harness.build.agent({ zone: zone3, name: 'Gone Agent', phone: '+260977000003', active: false });
    await harness.build.agent({
      zone: await harness.build.zone(kawama, '1'),
      name: 'Peter Daka',
      phone: '+260977000004',
    });
    await harness.run(`
      @ 2026-01-05T08:00:00Z
      +260977000001 > birth Ann Phiri
      +260977000001 <~ ^Thank you
      +260977000001 <~ clinic\\.$
    `);
    const browser = await login();
    expect(rows(await browser.page('/console/reminders/agents?clinic=403012'))).toEqual([
      'Chifubu Clinic|3|Mary Phiri|+260977000001|2026-01-05 10:00|1',
      'Chifubu Clinic|10|John Banda|+260977000002|0',
    ]);
    const csv = await fetch(`${harness.url}/console/reminders/export/agents.csv`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(await csv.text()).toBe(
      'Clinic,Zone,Agent,Phone,Last message,Events registered\r\n' +
        'Chifubu Clinic,3,Mary Phiri,+260977000001,2026-01-05 10:00,1\r\n' +
        'Chifubu Clinic,10,John Banda,+260977000002,,0\r\n' +
        'Kawama Clinic,1,Peter Daka,+260977000004,,0\r\n',
    );
    expect((await browser.get('/console/reminders/export/nothing.csv')).status).toBe(404);
  });

  it('writes CSV by RFC 4180, a formula as text, a number as it is', () => {
    expect(
      toCsv({
        name: 't',
        columns: ['a', 'b'],
        rows: [
          ['x, "y"', '-1+A1'],
          [2, '@me'],
          ['+260977000001', '-3'],
        ],
      }),
    ).toBe(['a,b', '"x, ""y""",\'-1+A1', "2,'@me", '+260977000001,-3', ''].join('\r\n'));
  });
});
