import { type CliIo, OperatorCommand, type OperatorCommandRunner } from '@mwana/core';
import { BlacklistError } from './blacklist.error';
import { BlacklistService } from './blacklist.service';
import type { BlockedPhone } from './blocked-phone.entity';

const USAGE =
  'Usage: mwana blacklist add <phone> [<reason> ...] [--by <name>] | remove <phone> [--by <name>] | list [--all]';

/** `--by <name>` taken out of the arguments: who the block is recorded as made by. */
function splitBy(args: readonly string[]): { rest: string[]; by: string } {
  const at = args.indexOf('--by');
  if (at < 0 || !args[at + 1]) return { rest: [...args], by: 'command line' };
  return { rest: [...args.slice(0, at), ...args.slice(at + 2)], by: `command line (${args[at + 1]})` };
}

function line(b: BlockedPhone): string {
  const lifted = b.unblockedAt ? `, lifted ${b.unblockedAt.toISOString()} by ${b.unblockedBy ?? '?'}` : '';
  const told = b.adminsToldAt ? `, help admins told ${b.adminsToldAt.toISOString()}` : '';
  return `${b.identity}  blocked ${b.blockedAt.toISOString()} by ${b.blockedBy}${b.reason ? ` (${b.reason})` : ''}${told}${lifted}`;
}

/** The blacklist from the command line (docs/keywords.md#blacklist), as the console's page manages it. */
@OperatorCommand({
  name: 'blacklist',
  usage: [
    'blacklist add <phone> [<reason> ...] [--by <name>]   block a phone: its SMS get the blocked reply, nothing more',
    'blacklist remove <phone> [--by <name>]              lift the block on a phone',
    'blacklist list [--all]                              phones blocked (--all: lifted blocks too)',
  ],
})
export class BlacklistCommand implements OperatorCommandRunner {
  constructor(private readonly blacklist: BlacklistService) {}

  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { rest, by } = splitBy(args);
    const [action, phone, ...words] = rest;
    try {
      if (action === 'add' && phone) {
        const block = await this.blacklist.block(phone, by, words.join(' '));
        io.out(`${block.identity} is blocked.`);
        return 0;
      }
      if (action === 'remove' && phone && words.length === 0) {
        const block = await this.blacklist.unblock(phone, by);
        io.out(`${block.identity} may use Mwana again.`);
        return 0;
      }
      if (action === 'list' && (phone === undefined || phone === '--all') && words.length === 0) {
        const blocks = await this.blacklist.list({ lifted: phone === '--all' });
        for (const b of blocks) io.out(line(b));
        io.out(`${blocks.filter((b) => !b.unblockedAt).length} phone(s) blocked`);
        return 0;
      }
    } catch (error) {
      if (!(error instanceof BlacklistError)) throw error;
      io.err(error.message);
      return 1;
    }
    io.err(USAGE);
    return 2;
  }
}
