import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { GatewaySendError } from './gateway';

export interface GatewayResponse {
  readonly status: number;
  readonly body: string;
}

/** What a gateway call sends: the method, its headers and a text body. */
export interface GatewayRequest {
  readonly method: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

// Kept-alive connections to each gateway: a connection and its handshake per SMS would cost
// more than the SMS. node:http rather than fetch: a third of fetch's CPU per call.
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/**
 * One HTTP call to a gateway, with a deadline. A gateway that cannot be reached or does
 * not answer in time is a retryable `GatewaySendError`; any HTTP answer is returned for
 * the caller to judge. `what` names the gateway in errors: the URL is never put in a
 * message, since some gateways (Kannel) take their password in it.
 */
export async function callGateway(
  what: string,
  url: string,
  init: GatewayRequest,
  timeoutMs: number,
): Promise<GatewayResponse> {
  const target = URL.canParse(url) ? new URL(url) : null;
  if (target?.protocol !== 'http:' && target?.protocol !== 'https:') {
    throw new GatewaySendError(`${what} has a URL that is not http or https`, false);
  }
  // A gateway may close a kept-alive connection just as a call takes it, before reading the
  // call: that call is made again on a connection of its own (at most once per free one).
  for (let tries = 1; ; tries++) {
    try {
      return await exchange(what, target, init, timeoutMs);
    } catch (error) {
      if (!(error instanceof StaleConnection) || tries > 4)
        throw error instanceof StaleConnection ? error.failure : error;
    }
  }
}

class StaleConnection extends Error {
  constructor(readonly failure: GatewaySendError) {
    super(failure.message);
  }
}

function exchange(what: string, target: URL, init: GatewayRequest, timeoutMs: number): Promise<GatewayResponse> {
  const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<GatewayResponse>((resolve, reject) => {
    let answered = false;
    const request = send(
      target,
      {
        method: init.method,
        headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        agent: agents[target.protocol as keyof typeof agents],
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', () => undefined); // the request's own error handler answers
      },
    );
    const timer = setTimeout(() => request.destroy(new GatewayTimeout()), timeoutMs);
    request.on('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      if (error instanceof GatewayTimeout)
        return reject(new GatewaySendError(`${what} did not answer within ${timeoutMs} ms`, true));
      const failure = new GatewaySendError(`${what} could not be reached: ${error.code ?? error.message}`, true);
      reject(request.reusedSocket && !answered && error.code === 'ECONNRESET' ? new StaleConnection(failure) : failure);
    });
    request.end(body);
  });
}

class GatewayTimeout extends Error {}

/**
 * The error for an HTTP answer that is not a success. Worth retrying: 5xx (the gateway is
 * down or overloaded), 408 and 429 (it asks us to come back); the other 4xx (bad number,
 * bad credentials, bad request) would fail again the same way.
 */
export function statusError(what: string, status: number, detail: string): GatewaySendError {
  const retryable = status >= 500 || status === 408 || status === 429;
  const shown = detail.trim().replace(/\s+/g, ' ').slice(0, 200);
  return new GatewaySendError(`${what} answered ${status}${shown ? `: ${shown}` : ''}`, retryable);
}
