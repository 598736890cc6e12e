import { parseArgs } from 'node:util';
import { OperatorCommand, type CliIo, type OperatorCommandRunner } from '../cli/operator-command';
import { ContactNotFoundError, ContactsService } from './contacts.service';

@OperatorCommand({
  name: 'contacts',
  usage: [
    'contacts list [--all]              contacts (active ones unless --all)',
    'contacts deactivate <phone>        deactivate a contact (kept, no longer reached)',
    'contacts help-admin <phone> [--off]  mark (or unmark) a contact as help admin',
  ],
})
export class ContactsCommand implements OperatorCommandRunner {
  constructor(private readonly contacts: ContactsService) {}

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
          const contact = await this.contacts.findByIdentity(this.required(phone));
          await this.contacts.deactivate(contact);
          io.out(`Deactivated ${contact.name} (#${contact.id}).`);
          return 0;
        }
        case 'help-admin': {
          const contact = await this.contacts.findByIdentity(this.required(phone));
          await this.contacts.setHelpAdmin(contact, !values.off);
          io.out(`${contact.name} (#${contact.id}) is ${values.off ? 'no longer' : 'now'} a help admin.`);
          return 0;
        }
        default:
          io.err('Usage: mwana contacts list [--all] | deactivate <phone> | help-admin <phone> [--off]');
          return 2;
      }
    } catch (error) {
      if (error instanceof ContactNotFoundError) {
        io.err(error.message);
        return 1;
      }
      throw error;
    }
  }

  private required(phone: string | undefined): string {
    if (!phone) throw new ContactNotFoundError("Give the contact's phone number.");
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
