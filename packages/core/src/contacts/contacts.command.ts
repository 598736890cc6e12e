import { parseArgs } from 'node:util';
import { OperatorCommand, type CliIo, type OperatorCommandRunner } from '../cli/operator-command';
import { ContactsError, ContactsErrorCode } from './contacts.error';
import { ContactRoleRegistry } from './contact-role.registry';
import { ContactsService } from './contacts.service';

@OperatorCommand({
  name: 'contacts',
  usage: [
    'contacts list [--all]              contacts (active ones unless --all)',
    'contacts deactivate <phone>        deactivate a contact (kept, no longer reached)',
    'contacts help-admin <phone> [--off]  mark (or unmark) a contact as help admin',
    'contacts roles                     the roles the installed apps declare',
  ],
})
export class ContactsCommand implements OperatorCommandRunner {
  constructor(
    private readonly contacts: ContactsService,
    private readonly roles: ContactRoleRegistry,
  ) {}

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { all: { type: 'boolean', default: false }, off: { type: 'boolean', default: false } },
    });
    const [action, phone] = positionals;
    try {
      switch (action) {
        case 'list':
          return this.list(values.all, io);
        case 'deactivate': {
          const contact = await this.contacts.getByPhone(this.required(phone));
          await this.contacts.deactivate(contact.id);
          io.out(`Deactivated ${contact.name} (#${contact.id}).`);
          return 0;
        }
        case 'help-admin': {
          const contact = await this.contacts.getByPhone(this.required(phone));
          await this.contacts.setHelpAdmin(contact.id, !values.off);
          io.out(`${contact.name} (#${contact.id}) is ${values.off ? 'no longer' : 'now'} a help admin.`);
          return 0;
        }
        case 'roles':
          for (const role of this.roles.all())
            io.out(`${role.slug.padEnd(18)} ${role.description} (${role.apps.join(', ')})`);
          return 0;
        default:
          io.err('Usage: mwana contacts list [--all] | deactivate <phone> | help-admin <phone> [--off] | roles');
          return 2;
      }
    } catch (error) {
      if (error instanceof ContactsError) {
        io.err(error.message);
        return 1;
      }
      throw error;
    }
  }

  private required(phone: string | undefined): string {
    if (!phone) throw new ContactsError(ContactsErrorCode.NotFound, "Give the contact's phone number.");
    return phone;
  }

  private async list(all: boolean, io: CliIo): Promise<number> {
    const contacts = await this.contacts.list({ includeInactive: all });
    for (const c of contacts) {
      const flags = [c.active ? '' : 'inactive', c.isHelpAdmin ? 'help-admin' : ''].filter(Boolean).join(',');
      io.out(
        [
          String(c.id).padStart(5),
          c.name.padEnd(28),
          c.identities.join(' ').padEnd(18),
          c.roles.join(','),
          c.language ?? '-',
          flags,
        ]
          .join('  ')
          .trimEnd(),
      );
    }
    io.out(`${contacts.length} contact(s)`);
    return 0;
  }
}
