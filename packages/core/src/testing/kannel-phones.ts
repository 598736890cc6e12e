import { DataSource } from 'typeorm';
import { decodeKannelText, queryBytes } from '../gateways/kannel/kannel-text';
import type { RunningCountry } from './country-app';
import type { FakeGateway } from './fake-gateway';
import { STARTUP_TIMEOUT_MS } from './timeouts';

/** One SMS as it reached the operator: to whom, and its text in clear. */
export interface DeliveredSms {
  readonly to: string;
  readonly text: string;
}

const SECRET = 'kannel-phones-secret-0123456789';

/**
 * Phones that talk to a country app through a Kannel gateway, as on a server: each SMS comes
 * in on Kannel's get-url (`/backends/<name>/incoming`), and what the app sends reaches a fake
 * Kannel's `cgi-bin/sendsms` over real HTTP, in clear, as the operator would get it.
 */
export class KannelPhones {
  private seen = 0;

  constructor(
    private readonly running: () => RunningCountry,
    private readonly kannel: FakeGateway,
    readonly gateway = 'kannel-phones',
  ) {}

  /** The variables that configure the gateway, its sendsms on `kannel` (`MWANA__BACKENDS__GATEWAYS__...`). */
  static variables(kannel: FakeGateway, gateway = 'kannel-phones'): Record<string, string> {
    const prefix = `MWANA__BACKENDS__GATEWAYS__${gateway.toUpperCase().replace(/-/g, '_')}__`;
    return {
      [`${prefix}TYPE`]: 'kannel',
      [`${prefix}SENDSMS_URL`]: `${kannel.url}/cgi-bin/sendsms`,
      [`${prefix}USERNAME`]: 'mwana',
      [`${prefix}PASSWORD`]: 'kannel-phones-password',
      [`${prefix}SECRET`]: SECRET,
    };
  }

  /** `phone` sends `text`; every SMS the app sent meanwhile (to this phone or to others). */
  async send(phone: string, text: string): Promise<DeliveredSms[]> {
    const query = new URLSearchParams({ secret: SECRET, id: phone, text, charset: 'UTF-8', coding: '0' });
    const answer = await fetch(`${this.running().url}/backends/${this.gateway}/incoming?${query}`);
    if (answer.status !== 200)
      throw new Error(`Kannel's get-url was answered ${answer.status}: ${await answer.text()}`);
    return this.settle();
  }

  /**
   * Waits until every SMS the app queued on this gateway has left (reached the fake Kannel),
   * and returns those that arrived since the last look, in order. A message that failed
   * throws: a week with a lost SMS is no week.
   */
  async settle(): Promise<DeliveredSms[]> {
    const db = this.running().app.get(DataSource);
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      const [row]: Array<{ waiting: number; left: number; failed: string | null }> = await db.query(
        `SELECT count(*) FILTER (WHERE status IN ('queued', 'retrying', 'sending'))::int AS waiting,
                count(*) FILTER (WHERE status IN ('sent', 'delivered'))::int AS left,
                string_agg(error, '; ') FILTER (WHERE status = 'failed') AS failed
           FROM message WHERE direction = 'out' AND backend = $1`,
        [this.gateway],
      );
      if (row.failed) throw new Error(`an SMS on ${this.gateway} failed: ${row.failed}`);
      if (row.waiting === 0 && this.kannel.requests.length >= row.left) break;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${row.waiting} SMS to leave by ${this.gateway}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const fresh = this.kannel.requests.slice(this.seen);
    this.seen = this.kannel.requests.length;
    return fresh.map((request) => {
      const url = request.url;
      const fields = queryBytes(url.slice(url.indexOf('?') + 1));
      const field = (name: string) => fields.get(name)?.toString('utf8');
      return {
        to: field('to') ?? '',
        text: decodeKannelText(fields.get('text') ?? Buffer.alloc(0), field('coding'), field('charset')),
      };
    });
  }
}
