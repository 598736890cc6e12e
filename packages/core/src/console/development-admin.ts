import type { INestApplicationContext } from '@nestjs/common';
import { MwanaConfig } from '../config/mwana-config';
import { ConsoleUsersService } from './console-users.service';
import { generatePassword } from '../security/secrets';

export interface DevelopmentAdmin {
  readonly username: string;
  readonly password: string;
}

/**
 * A newcomer's first login: in development, when no console user exists yet, creates
 * `admin` with a random password and prints it once (it is stored only hashed). Does
 * nothing in any other environment, or once anyone has a login. Call it after the app
 * listens, with its URL: `await ensureDevelopmentAdmin(app, url, io.out)`.
 */
export async function ensureDevelopmentAdmin(
  app: INestApplicationContext,
  baseUrl: string,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<DevelopmentAdmin | null> {
  if (app.get(MwanaConfig).env !== 'development') return null;
  const users = app.get(ConsoleUsersService, { strict: false });
  const password = generatePassword();
  if (!(await users.addFirst('admin', password))) return null;
  print(
    `Console: ${baseUrl}/console  user "admin", password "${password}"  (shown once; change it with \`pnpm mwana users password admin\`)`,
  );
  return { username: 'admin', password };
}
