import { randomBytes } from 'node:crypto';
import { type CliIo, OperatorCommand, type OperatorCommandRunner } from '@mwana/core';
import { DataSource } from 'typeorm';
import { LabAccount } from '../entities/lab-account.entity';
import { LabAccountsService } from './lab-accounts.service';
import { PayloadService } from './payload.service';

const USAGE = 'Usage: mwana labresults lab-account add <username> | lab-account list | reprocess [<payload id> ...]';

@OperatorCommand({
  name: 'labresults',
  usage: [
    'labresults lab-account add <username>   an account a lab uploads with (prints its password once)',
    'labresults lab-account list             lab accounts',
    'labresults reprocess [<payload id> ...] re-run lab payloads not applied (refused ones included)',
  ],
})
export class LabResultsCommand implements OperatorCommandRunner {
  constructor(
    private readonly accounts: LabAccountsService,
    private readonly payloads: PayloadService,
    private readonly dataSource: DataSource,
  ) {}

  async run(args: readonly string[], io: CliIo): Promise<number> {
    const [action, sub, ...rest] = args;
    if (action === 'lab-account' && sub === 'add' && rest.length === 1) {
      const password = randomBytes(18).toString('base64url');
      const account = await this.accounts.add(rest[0], password);
      io.out(`Lab account ${account.username} added. Password (shown once): ${password}`);
      return 0;
    }
    if (action === 'lab-account' && sub === 'list') {
      const accounts = await this.dataSource.getRepository(LabAccount).find({ order: { username: 'ASC' } });
      for (const a of accounts) io.out(`${a.username}${a.active ? '' : ' (inactive)'}`);
      io.out(`${accounts.length} lab account(s)`);
      return 0;
    }
    if (action === 'reprocess') {
      const ids = [sub, ...rest].filter((a): a is string => a !== undefined).map(Number);
      if (ids.some((id) => !Number.isInteger(id))) {
        io.err(USAGE);
        return 2;
      }
      const outcomes = await this.payloads.reprocessFailed(ids.length > 0 ? ids : undefined);
      for (const o of outcomes)
        io.out(
          `payload #${o.payloadId}: ${
            o.failure
              ? `failed again: ${o.failure}`
              : o.errors.length > 0
                ? `still invalid (${o.errors.length} problem(s))`
                : `applied, ${o.created} new, ${o.changed} changed`
          }`,
        );
      io.out(`${outcomes.length} payload(s) re-run`);
      return 0;
    }
    io.err(USAGE);
    return 2;
  }
}
