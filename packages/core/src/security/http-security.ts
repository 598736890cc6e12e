import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { HttpSettings } from '../config/core.config';
import type { MwanaEnv } from '../config/environment';

/** Room for the longest URL a gateway sends (Kannel's get-url with a 255-part UCS-2 SMS: about 100 kB). */
export const MAX_HEADER_BYTES = 256 * 1024;

/** A year, as browsers' preload lists expect. */
const HSTS = 'max-age=31536000';

/** True where every cookie must be Secure: staging and production, or a public https address. */
export function alwaysSecure(env: MwanaEnv, http: Pick<HttpSettings, 'publicUrl'>): boolean {
  return env === 'staging' || env === 'production' || isHttps(http.publicUrl);
}

function isHttps(url: string | undefined): boolean {
  return url !== undefined && new URL(url).protocol === 'https:';
}

/**
 * The HTTP server every Mwana process (and every test harness) runs on: X-Forwarded headers
 * believed only from the proxies `http.trustProxy` names (never from any peer), HSTS when
 * the public address is https, headers up to 256 kB and bodies up to 10 MB (a lab's upload of 10,000 samples is 2 MB).
 */
export function mwanaHttpAdapter(http: Pick<HttpSettings, 'trustProxy' | 'publicUrl'>): FastifyAdapter {
  const adapter = new FastifyAdapter({
    trustProxy: http.trustProxy.length > 0 ? [...http.trustProxy] : false,
    bodyLimit: 10 * 1024 * 1024,
    // Kannel's get-url carries the whole SMS in the URL: a concatenated SMS of 255 UCS-2 parts
    // is 17,000 characters, over 100 kB percent-encoded, past Node's 16 kB (an answer of 431 loses it).
    http: { maxHeaderSize: MAX_HEADER_BYTES },
  });
  if (isHttps(http.publicUrl)) {
    adapter.getInstance().addHook('onSend', async (_request, reply) => {
      reply.header('strict-transport-security', HSTS);
    });
  }
  return adapter;
}
