import { z } from 'zod';
import { defineConfigSection, secret } from '../config/config-section';

/**
 * The web console: sessions, login lockout and the API tokens scripts use. A deployment
 * sets `sessionSecret` (MWANA__CONSOLE__SESSION_SECRET); development and test make one up
 * per process, so sessions there end when the server restarts.
 */
export const consoleConfig = defineConfigSection('console', {
  /** Signs the session cookie; at least 32 characters. Required in staging and production. */
  sessionSecret: secret(z.string().min(32).optional()),
  /** A session ends this long after login, however busy. */
  sessionHours: z
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** ... or after this long without a request. */
  idleMinutes: z.number().int().positive().default(120),
  /**
   * Where cookies are not always Secure (development and test, without an https `http.publicUrl`):
   * `auto` when the request came over https (behind a proxy of `http.trustProxy`: its X-Forwarded-Proto).
   */
  secureCookie: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Wrong passwords in a row before a username is locked for `lockMinutes`. */
  lockAfter: z.number().int().min(1).default(5),
  lockMinutes: z.number().int().min(1).default(15),
  /**
   * Tokens for scripts (`Authorization: Bearer <token>`) on `/api/*` and the tester's JSON
   * endpoint, by a name that shows in the logs: `{ ci: "<at least 24 characters>" }`.
   */
  apiTokens: secret(z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.string().min(24)).default({})),
});

export type ConsoleSettings = z.output<typeof consoleConfig.schema>;
