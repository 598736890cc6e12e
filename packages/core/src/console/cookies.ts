import type { FastifyRequest } from 'fastify';

/** The cookies a request carries (no cookie plugin: this is all the console needs). */
export function readCookies(request: FastifyRequest): Record<string, string> {
  const header = request.headers.cookie;
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A malformed cookie someone else set: ignore it rather than fail the request.
    }
  }
  return cookies;
}

export interface CookieOptions {
  readonly path: string;
  /** Seconds; 0 deletes the cookie. */
  readonly maxAge: number;
  readonly secure: boolean;
}

/** Always HttpOnly and SameSite=Lax: no script reads it, and no other site's form sends it. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    `Max-Age=${Math.floor(options.maxAge)}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Adds a Set-Cookie header without dropping one set before. */
export function appendSetCookie(
  reply: { getHeader(name: string): unknown; header(name: string, value: unknown): unknown },
  cookie: string,
): void {
  const existing = reply.getHeader('set-cookie');
  const list = Array.isArray(existing) ? (existing as string[]) : typeof existing === 'string' ? [existing] : [];
  reply.header('set-cookie', [...list, cookie]);
}
