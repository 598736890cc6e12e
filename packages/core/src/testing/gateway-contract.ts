/// <reference types="jest" />
import { BUILT_IN_GATEWAYS } from '../gateways/built-in-gateways';
import type { OutboundSms } from '../gateways/gateway';
import { GatewayRegistry } from '../gateways/gateway.registry';
import { OutboxSender } from '../outbox/outbox.sender';
import { type FakeAnswer, FakeGateway, gatewayHarness, messages, type Recorded } from './fake-gateway';
import type { ConversationHarness } from './harness';

/** An inbound SMS as a test sends it through a gateway. */
export interface ContractSms {
  readonly from: string;
  readonly text: string;
  readonly id: string;
}

/** A sent message a test reports on: Mwana's id, the gateway's id, and the request that sent it. */
export interface ContractSent {
  readonly id: string;
  readonly providerId: string | null;
  readonly request: Recorded;
}

/**
 * How one gateway type is spoken to, for the contract every gateway passes
 * (`describeGatewayContract`). The gateway under test is configured as `gw`.
 */
export interface GatewayContract {
  readonly type: string;
  /** The options of `gw` (its `type` included), its outbound calls going to `baseUrl`. */
  options(baseUrl: string, extra?: Record<string, unknown>): Record<string, unknown>;
  /** Sends an SMS from a phone as the gateway does: authenticated, without credentials, or with wrong ones. */
  inbound(harness: ConversationHarness, sms: ContractSms, auth?: 'none' | 'wrong'): Promise<Response>;
  /** Checks that the answer to a stored SMS is what the gateway expects (`inboundId`: the stored row's id). */
  accepted(response: Response, inboundId: string): Promise<void>;
  /** The statuses that refuse a call without credentials and with wrong ones. */
  readonly refused: { readonly none: number; readonly wrong: number };
  /** The fake gateway's answer when it takes a message, giving it this id. */
  takes(providerId: string): FakeAnswer;
  /** The provider id Mwana keeps from that answer (null for a gateway that gives none). */
  keeps(providerId: string): string | null;
  /** The recipient and the text the fake gateway received. */
  sent(request: Recorded): { to: string; text: string };
  /** Answers that fail a send, and whether each is worth another try. */
  readonly failures: ReadonlyArray<{ readonly answer: FakeAnswer; readonly retryable: boolean; readonly says: string }>;
  /** Option values that must never show in an error (a password, an API key). */
  readonly secrets: readonly string[];
  /** Delivery reports, for a type that has them. */
  readonly reports?: {
    send(
      harness: ConversationHarness,
      message: ContractSent,
      status: 'sent' | 'delivered' | 'failed',
      auth?: 'none',
    ): Promise<Response>;
    /** A report for a message Mwana never sent. */
    unknown(harness: ConversationHarness): Promise<Response>;
    /** The status of an acknowledged report. */
    readonly ok: number;
    /** The reason a failure report leaves on the message. */
    readonly failedWith: string;
  };
}

/**
 * The contract every gateway type passes, over real HTTP with a fake gateway on loopback
 * and PostgreSQL: inbound SMS authenticated, stored once, answered as the gateway expects
 * and replied to; the reply sent with its recipient and text exactly (UCS-2 included) and
 * the gateway's id kept; its failures judged retryable or final; and delivery reports (where
 * the type has them) moving the message forward only, in any order.
 */
export function describeGatewayContract(contract: GatewayContract): void {
  describe(`gateway contract: ${contract.type} (real HTTP, PostgreSQL, a fake gateway)`, () => {
    let harness: ConversationHarness;
    let fake: FakeGateway;
    let ids = 0;
    const phone = '+260977000001';
    const sms = (text: string, id = `c-${++ids}`): ContractSms => ({ from: phone, text, id });
    const sendDue = () => harness.get(OutboxSender).sendDue();

    beforeAll(async () => {
      fake = await FakeGateway.start();
      harness = await gatewayHarness({ gw: contract.options(fake.url) });
    });
    afterAll(async () => {
      await harness.close();
      await fake.close();
    });
    beforeEach(async () => {
      await harness.reset();
      fake.requests.length = 0;
      fake.answer = () => contract.takes(`gw-${++ids}`);
    });

    it('stores an authenticated SMS, answers as its gateway expects and queues the reply', async () => {
      const response = await contract.inbound(harness, sms('ECHO hi there', 'in-1'));
      const rows = await messages(harness);
      expect(rows).toMatchObject([
        {
          direction: 'in',
          identity: phone,
          connection: 'gw',
          text: 'ECHO hi there',
          providerId: 'in-1',
          status: 'handled',
        },
        { direction: 'out', identity: phone, text: 'hi there', status: 'queued', gateway: 'gw' },
      ]);
      await contract.accepted(response, rows[0].id);
    });

    it('refuses an SMS without credentials or with wrong ones, storing nothing', async () => {
      expect((await contract.inbound(harness, sms('ECHO no'), 'none')).status).toBe(contract.refused.none);
      expect((await contract.inbound(harness, sms('ECHO no'), 'wrong')).status).toBe(contract.refused.wrong);
      expect(await messages(harness)).toEqual([]);
    });

    it('stores an SMS the gateway repeats (same id) once and replies once', async () => {
      await contract.inbound(harness, sms('ECHO once', 'same-id'));
      const again = await contract.inbound(harness, sms('ECHO once', 'same-id'));
      expect(again.status).toBeLessThan(300);
      expect((await messages(harness)).map((m) => `${m.direction} ${m.text}`)).toEqual(['in ECHO once', 'out once']);
    });

    it('sends the reply to the phone with its text exactly, UCS-2 included, and keeps the gateway id', async () => {
      await contract.inbound(harness, sms('ECHO Muli shani ሰላም 😀 @€'));
      expect(await sendDue()).toBe(1);
      expect(fake.requests.map((r) => contract.sent(r))).toEqual([{ to: phone, text: 'Muli shani ሰላም 😀 @€' }]);
      const [, reply] = await messages(harness);
      expect(reply).toMatchObject({ status: 'sent', providerId: contract.keeps(`gw-${ids}`), error: null });
    });

    describe('a send the gateway does not take', () => {
      const one: OutboundSms = { id: '1', to: phone, text: 'hi', encoding: 'GSM-7' };
      const send = (baseUrl: string, extra: Record<string, unknown> = {}) => {
        const definition = BUILT_IN_GATEWAYS.find((d) => d.type === contract.type)!;
        const { type: _type, ...raw } = contract.options(baseUrl, extra);
        const sender = harness.get(GatewayRegistry).get('gw')!.sender;
        return sender.send(one, definition.options.parse(raw), 'gw').catch((error: unknown) => error);
      };

      it.each(contract.failures.map((f) => [f.says, f.retryable, f.answer] as const))(
        '%s: retryable %s',
        async (says, retryable, answer) => {
          fake.answer = () => answer;
          const error = await send(fake.url);
          expect(error).toMatchObject({ name: 'GatewaySendError', retryable, message: expect.stringContaining(says) });
          for (const secret of contract.secrets) expect((error as Error).message).not.toContain(secret);
        },
      );

      it('is tried again when the gateway does not answer in time, or cannot be reached', async () => {
        fake.answer = () => ({ ...contract.takes('late'), delayMs: 1_000 });
        expect(await send(fake.url, { timeoutMs: 200 })).toMatchObject({ retryable: true });
        const down = await FakeGateway.start();
        await down.close();
        expect(await send(down.url)).toMatchObject({
          retryable: true,
          message: expect.stringContaining('ECONNREFUSED'),
        });
      });
    });

    if (!contract.reports) return;
    const reports = contract.reports;
    describe('delivery reports', () => {
      async function sent(): Promise<ContractSent> {
        await contract.inbound(harness, sms('ECHO report'));
        await sendDue();
        const [, reply] = await messages(harness);
        return { id: reply.id, providerId: reply.providerId, request: fake.requests[0] };
      }
      const row = async (id: string) => (await messages(harness)).find((m) => m.id === id);

      it('move the message to delivered, and a late "sent" or "failed" does not move it back', async () => {
        const message = await sent();
        expect((await reports.send(harness, message, 'delivered')).status).toBe(reports.ok);
        expect(await row(message.id)).toMatchObject({ status: 'delivered' });
        expect((await reports.send(harness, message, 'sent')).status).toBe(reports.ok);
        expect((await reports.send(harness, message, 'failed')).status).toBe(reports.ok);
        expect(await row(message.id)).toMatchObject({ status: 'delivered', error: null });
      });

      it('fail the message with the reason the gateway gives', async () => {
        const message = await sent();
        await reports.send(harness, message, 'sent');
        expect(await row(message.id)).toMatchObject({ status: 'sent' });
        await reports.send(harness, message, 'failed');
        expect(await row(message.id)).toMatchObject({ status: 'failed', error: reports.failedWith });
      });

      it('are refused without credentials, changing nothing, and acknowledged for a message nobody sent', async () => {
        const message = await sent();
        expect((await reports.send(harness, message, 'failed', 'none')).status).toBe(contract.refused.none);
        expect(await row(message.id)).toMatchObject({ status: 'sent' });
        expect((await reports.unknown(harness)).status).toBe(reports.ok);
      });
    });
  });
}
