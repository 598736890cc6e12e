import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { EchoModule } from './echo.app';
import { ConversationHarness } from './harness';

/** A request a fake gateway received. */
export interface Recorded {
  readonly method: string;
  /** Path and raw query, as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface FakeAnswer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  /** Wait this long before answering (a slow gateway). */
  readonly delayMs?: number;
}

/**
 * A gateway on 127.0.0.1 that records every request and answers what the test says
 * (Kannel's sendsms, Twilio's API, an HTTP aggregator).
 */
export class FakeGateway {
  readonly requests: Recorded[] = [];
  answer: (request: Recorded) => FakeAnswer = () => ({ status: 200 });

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeGateway> {
    let fake: FakeGateway | null = null;
    const server = createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeGateway(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: Recorded = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    this.requests.push(recorded);
    const answer = this.answer(recorded);
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (res.destroyed) return;
    res.writeHead(answer.status, answer.headers ?? { 'content-type': 'text/plain' });
    res.end(answer.body ?? '');
  }
}

/** A harness serving HTTP with the gateways and the ECHO app, configured with these gateways. */
export function gatewayHarness(
  gateways: Record<string, Record<string, unknown>>,
  http: Record<string, unknown> = {},
): Promise<ConversationHarness> {
  return ConversationHarness.create({
    http: true,
    imports: [EchoModule],
    config: { backends: { gateways }, http },
  });
}

/** A message row as the gateway tests look at it. */
export interface MessageRow {
  readonly id: string;
  readonly direction: 'in' | 'out';
  readonly text: string;
  readonly status: string;
  readonly providerId: string | null;
  /** The outbound row's sending gateway (null inbound). */
  readonly gateway: string | null;
  readonly error: string | null;
  /** The connection's identity (E.164) and gateway. */
  readonly identity: string;
  readonly connection: string;
}

/** Every message, oldest first. */
export function messages(harness: ConversationHarness): Promise<MessageRow[]> {
  return harness.dataSource.query(
    `SELECT m.id::text AS id, m.direction, m.text, m.status, m.provider_id AS "providerId", m.backend AS gateway, m.error,
            c.identity, c.backend AS connection
       FROM message m JOIN connection c ON c.id = m.connection_id ORDER BY m.id`,
  );
}
