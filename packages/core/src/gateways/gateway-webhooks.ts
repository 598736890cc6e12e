import type { FastifyRequest } from 'fastify';

/** One call a gateway makes to `/backends/<name>/<action>`, with the gateway's parsed options. */
export interface WebhookCall<Options> {
  /** The gateway's configured name (`backends.gateways.<name>`). */
  readonly name: string;
  readonly options: Options;
  readonly request: FastifyRequest;
}

/** What the gateway gets back. Errors are thrown as Nest HTTP exceptions instead. */
export interface WebhookAnswer {
  readonly status: number;
  /** Sent as is; an object is sent as JSON. */
  readonly body?: string | Record<string, unknown>;
  readonly contentType?: string;
}

export type WebhookRoute<Options> = (call: WebhookCall<Options>) => Promise<WebhookAnswer>;

/**
 * The inbound half of a gateway type (its definition's `webhooks`): what it answers under
 * `/backends/<name>/...`, by `<METHOD> <action>`. One controller serves every type, because
 * two types may share a path (Twilio and the generic HTTP gateway both take `POST
 * incoming`); it picks the routes of the type the name is configured with.
 *
 * @example
 * @Injectable()
 * export class KannelWebhooks implements GatewayRoutes<KannelOptions> {
 *   readonly routes = { 'GET incoming': (call) => this.incoming(call) };
 * }
 */
export interface GatewayRoutes<Options> {
  readonly routes: Readonly<Record<string, WebhookRoute<Options>>>;
}

/** The `<first>` value of a query or form field, when it is a string. */
export function field(source: unknown, name: string): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const value: unknown = (source as Record<string, unknown>)[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  // JSON bodies may carry ids as numbers.
  if (typeof first === 'number' && Number.isFinite(first)) return String(first);
  return undefined;
}
