import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { defineGateway, type GatewaySender, type OutboundSms, type SendOutcome } from '../gateways/gateway';
import { literal } from '../i18n/translatable';
import { ConversationHarness } from '../testing/harness';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts';
import { GatewayRateLimiter, type SlotReservation } from './gateway-rate-limiter';
import { OutboxSender } from './outbox.sender';
import { OutboxWriter } from './outbox.writer';

/** When each SMS reached the gateway (this process's clock). */
const arrivals: number[] = [];

@Injectable()
class TimingSender implements GatewaySender<Record<string, never>> {
  async send(sms: OutboundSms): Promise<SendOutcome> {
    arrivals.push(Date.now());
    return { providerId: `timed-${sms.id}` };
  }
}
const timedGateway = defineGateway({ type: 'timed', options: z.strictObject({}), sender: TimingSender });

const RATE = 50;
const INTERVAL = 1000 / RATE;

describe('gateway rate limits shared by every worker process (real PostgreSQL)', () => {
  let first: ConversationHarness;
  let second: ConversationHarness;

  beforeAll(async () => {
    const options = {
      gateways: [timedGateway],
      config: { backends: { gateways: { tester: { type: 'timed' } }, rateLimit: RATE, sendConcurrency: 8 } },
    };
    first = await ConversationHarness.create(options);
    // A second app instance on the same database, with its own pool: what a second worker process is.
    second = await ConversationHarness.create({ ...options, database: first.database });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });
  beforeEach(async () => {
    await first.reset();
    arrivals.length = 0;
  });

  it('never hands out overlapping slots, however many reservations the two instances make at once', async () => {
    const limiters = [first.get(GatewayRateLimiter), second.get(GatewayRateLimiter)];
    const reservations: SlotReservation[] = await Promise.all(
      Array.from({ length: 60 }, (_, i) => limiters[i % 2].reserve('tester', 1 + (i % 7))),
    );
    const sorted = [...reservations].sort((a, b) => a.startMs - b.startMs);
    for (let i = 1; i < sorted.length; i++) {
      const previousEnd = sorted[i - 1].startMs + sorted[i - 1].count * INTERVAL;
      expect(sorted[i].startMs).toBeGreaterThanOrEqual(previousEnd - 0.01);
    }
    const slots = reservations.reduce((n, r) => n + r.count, 0);
    const last = sorted[sorted.length - 1];
    expect(last.startMs + last.count * INTERVAL - sorted[0].startMs).toBeGreaterThanOrEqual(slots * INTERVAL - 0.01);
    // Another gateway has its own slots.
    expect((await limiters[0].reserve('other', 1)).waitMs).toBeLessThan(INTERVAL);
  });

  it('two senders together send no faster than backends.rateLimit', async () => {
    const contacts = await Promise.all(Array.from({ length: 40 }, () => first.build.contact()));
    const connections = await first.dataSource.query(
      'SELECT id, backend, identity, contact_id AS "contactId", created_at AS "createdAt" FROM connection ORDER BY id',
    );
    await first.dataSource.transaction((db) =>
      first.get(OutboxWriter).write(
        db,
        connections.map((connection: never, i: number) => ({
          to: { connection, contact: contacts[i] },
          text: literal(`bulk ${i}`),
          params: {},
          app: 'test',
        })),
        { priority: 'bulk' },
      ),
    );
    const before = Date.now();
    // Each takes a part of the queue (20 jobs a batch) and sends it at once, in parallel with the other.
    const senders = [first.get(OutboxSender), second.get(OutboxSender)];
    let sent = 0;
    while (sent < contacts.length) {
      const counts = await Promise.all(senders.map((s) => s.sendDue(20)));
      sent += counts.reduce((a, b) => a + b, 0);
    }
    expect(arrivals).toHaveLength(contacts.length);
    // Each SMS leaves at or after its own slot and slots are INTERVAL apart across both
    // instances, so the k-th arrival is at least k intervals after the start. A busy machine
    // only makes arrivals later; two limits kept separately would let them come twice as fast.
    const sorted = [...arrivals].sort((a, b) => a - b);
    sorted.forEach((at, k) => expect(at - before).toBeGreaterThanOrEqual(k * INTERVAL - 5));
  });
});
