// The one file of Mwana that reads process.env. Everything else is handed what it needs.

export const MWANA_ENVS = ['development', 'test', 'staging', 'production'] as const;
export type MwanaEnv = (typeof MWANA_ENVS)[number];

export const MWANA_ROLES = ['all', 'api', 'worker'] as const;
export type MwanaRole = (typeof MWANA_ROLES)[number];

/** A variable that sets one config key, with the key path it sets. */
export interface ConfigVariable {
  readonly name: string;
  readonly path: readonly string[];
  readonly value: string;
}

export interface MwanaEnvironment {
  /** From MWANA_ENV; development when unset. */
  readonly env: MwanaEnv;
  /** From MWANA_ROLE; all when unset. */
  readonly role: MwanaRole;
  /** MWANA__SECTION__KEY variables, then the conventional DATABASE_URL and PORT. */
  readonly variables: readonly ConfigVariable[];
}

export class EnvironmentError extends Error {}

/** Conventional variables that hosting platforms set, mapped onto config keys. */
const CONVENTIONAL: Record<string, readonly string[]> = {
  DATABASE_URL: ['database', 'url'],
  PORT: ['http', 'port'],
};

export function readEnvironment(source: NodeJS.ProcessEnv = process.env): MwanaEnvironment {
  const env = (source.MWANA_ENV ?? 'development') as MwanaEnv;
  if (!MWANA_ENVS.includes(env)) {
    throw new EnvironmentError(`MWANA_ENV must be one of ${MWANA_ENVS.join(', ')}; it is "${env}".`);
  }
  const role = (source.MWANA_ROLE ?? 'all') as MwanaRole;
  if (!MWANA_ROLES.includes(role)) {
    throw new EnvironmentError(`MWANA_ROLE must be one of ${MWANA_ROLES.join(', ')}; it is "${role}".`);
  }
  const variables: ConfigVariable[] = [];
  for (const [name, path] of Object.entries(CONVENTIONAL)) {
    const value = source[name];
    if (value !== undefined && value !== '') variables.push({ name, path, value });
  }
  for (const name of Object.keys(source).sort()) {
    const value = source[name];
    if (!name.startsWith('MWANA__') || value === undefined) continue;
    const path = name.slice('MWANA__'.length).split('__').filter(Boolean);
    if (path.length > 0) variables.push({ name, path, value });
  }
  return { env, role, variables };
}

/** The server where tests create their fresh databases (TEST_DATABASE_URL; local PostgreSQL by default). */
export function testDatabaseAdminUrl(source: NodeJS.ProcessEnv = process.env): string {
  return source.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}
