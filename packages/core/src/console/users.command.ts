import { parseArgs } from 'node:util';
import { OperatorCommand, type CliIo, type OperatorCommandRunner } from '../cli/operator-command';
import { ConsoleUserError, ConsoleUsersService } from './console-users.service';
import { generatePassword } from '../security/secrets';

const USAGE =
  'Usage: mwana users list | add <username> [--password P] | password <username> [--password P] | remove <username>';

@OperatorCommand({
  name: 'users',
  usage: [
    'users list                         console users',
    'users add <username> [--password P]  add a console user (a password is made up and printed when none is given)',
    'users password <username> [--password P]  set a new password (and log the user out everywhere)',
    'users remove <username>            remove a console user',
  ],
})
export class UsersCommand implements OperatorCommandRunner {
  constructor(private readonly users: ConsoleUsersService) {}

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { password: { type: 'string' } },
    });
    const [action, username] = positionals;
    try {
      switch (action) {
        case 'list': {
          const users = await this.users.list();
          for (const u of users) {
            const locked = await this.users.lockedUntil(u);
            io.out(
              `${u.username.padEnd(24)}  last login ${u.lastLoginAt?.toISOString() ?? 'never'}${locked ? '  (locked)' : ''}`,
            );
          }
          io.out(`${users.length} console user(s)`);
          return 0;
        }
        case 'add':
        case 'password': {
          if (!username) break;
          const password = values.password ?? generatePassword();
          if (action === 'add') await this.users.add(username, password);
          else await this.users.setPassword(username, password);
          io.out(`${action === 'add' ? 'Added' : 'Changed the password of'} console user ${username.toLowerCase()}.`);
          if (!values.password) io.out(`Password: ${password}   (shown once; keep it somewhere safe)`);
          return 0;
        }
        case 'remove':
          if (!username) break;
          await this.users.remove(username);
          io.out(`Removed console user ${username.toLowerCase()}.`);
          return 0;
        default:
          break;
      }
      io.err(USAGE);
      return 2;
    } catch (error) {
      if (error instanceof ConsoleUserError) {
        io.err(error.message);
        return 1;
      }
      throw error;
    }
  }
}
