import { parseArgs } from 'node:util';
import { OperatorCommand, type CliIo, type OperatorCommandRunner } from '../cli/operator-command';
import { API_SCOPES, ApiTokenError, ApiTokensService } from '../security/api-tokens.service';

const USAGE = `Usage: mwana api-token add <name> --scope ${API_SCOPES.join(',')} | list [--all] | revoke <name>`;

@OperatorCommand({
  name: 'api-token',
  usage: [
    'api-token add <name> --scope read,send  a bearer token for /api/* (printed once; scopes read, send, admin)',
    'api-token list [--all]                  the tokens (with --all, revoked ones too); never their secrets',
    'api-token revoke <name>                 the token stops working at once',
  ],
})
export class ApiTokensCommand implements OperatorCommandRunner {
  constructor(private readonly tokens: ApiTokensService) {}

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { scope: { type: 'string', multiple: true }, all: { type: 'boolean' } },
    });
    const [action, name] = positionals;
    try {
      switch (action) {
        case 'add': {
          if (!name) break;
          const { token, info } = await this.tokens.add(name, values.scope ?? []);
          io.out(`Added API token ${info.name} (scopes ${info.scopes.join(', ')}).`);
          io.out(`Token: ${token}   (shown once; send it as "Authorization: Bearer <token>")`);
          return 0;
        }
        case 'list': {
          const tokens = await this.tokens.list({ includeRevoked: values.all === true });
          for (const t of tokens) {
            const used = t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : 'never used';
            const revoked = t.revokedAt ? `  (revoked ${t.revokedAt.toISOString()})` : '';
            io.out(`${t.name.padEnd(24)}  ${t.scopes.join(',').padEnd(16)}  ${used}${revoked}`);
          }
          io.out(`${tokens.length} API token(s)`);
          return 0;
        }
        case 'revoke':
          if (!name) break;
          await this.tokens.revoke(name);
          io.out(`Revoked API token ${name}.`);
          return 0;
        default:
          break;
      }
      io.err(USAGE);
      return 2;
    } catch (error) {
      if (error instanceof ApiTokenError) {
        io.err(error.message);
        return 1;
      }
      throw error;
    }
  }
}
