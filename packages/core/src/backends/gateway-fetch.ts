import { BackendSendError } from './backend';

export interface GatewayResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * One HTTP call to a gateway, with a deadline. A gateway that cannot be reached or does
 * not answer in time is a retryable `BackendSendError`; any HTTP answer is returned for
 * the caller to judge. `what` names the gateway in errors: the URL is never put in a
 * message, since some gateways (Kannel) take their password in it.
 */
export async function callGateway(what: string, url: string, init: RequestInit, timeoutMs: number): Promise<GatewayResponse> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    const name = isError(error) ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new BackendSendError(`${what} did not answer within ${timeoutMs} ms`, true);
    }
    throw new BackendSendError(`${what} could not be reached: ${networkReason(error)}`, true);
  }
}

/**
 * The error for an HTTP answer that is not a success. Worth retrying: 5xx (the gateway is
 * down or overloaded), 408 and 429 (it asks us to come back); the other 4xx (bad number,
 * bad credentials, bad request) would fail again the same way.
 */
export function statusError(what: string, status: number, detail: string): BackendSendError {
  const retryable = status >= 500 || status === 408 || status === 429;
  const shown = detail.trim().replace(/\s+/g, ' ').slice(0, 200);
  return new BackendSendError(`${what} answered ${status}${shown ? `: ${shown}` : ''}`, retryable);
}

/** `fetch failed` says nothing; its cause says ECONNREFUSED, ENOTFOUND ... */
function networkReason(error: unknown): string {
  if (!isError(error)) return String(error);
  const cause: unknown = error.cause;
  if (isError(cause)) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : cause.message;
  }
  return error.message;
}

/** By shape, not `instanceof`: fetch's errors may come from another realm (jest's VM contexts). */
function isError(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).name === 'string' && typeof (value as Error).message === 'string';
}
