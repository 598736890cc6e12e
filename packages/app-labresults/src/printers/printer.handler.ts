import {
  Clock,
  ContactsService,
  gatewaysConfig,
  type IncomingMessage,
  KeywordHandler,
  KeywordHandlerBase,
  MwanaConfig,
  SmsReplyError,
} from '@mwana/core';
import { ClinicDirectory, type Place } from '../clinics/clinic-directory';
import { labresultsTexts as texts } from '../labresults.texts';
import { PrinterSender } from './printer-sender.service';
import { PrintersService } from './printers.service';
import { messageContext, type Recipient } from './recipients.service';

interface PrinterCommand {
  readonly place: Place;
  readonly backend: string;
  readonly phone: string;
}

/**
 * PRINTER ADD|REMOVE `<location code> <backend> <phone>` (docs/keywords.md#printer), for help admins: a
 * printer is a contact with the printer role at the clinic, reached on that backend. A
 * phone written nationally (`0977...`) is read in the country's numbering plan.
 */
@KeywordHandler({ app: 'labresults', keyword: 'PRINTER', help: texts.printerHelp })
export class PrinterHandler extends KeywordHandlerBase {
  private readonly backends: ReadonlySet<string>;

  constructor(
    private readonly directory: ClinicDirectory,
    private readonly printers: PrintersService,
    private readonly sender: PrinterSender,
    private readonly contacts: ContactsService,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    super();
    this.backends = new Set(Object.keys(config.section(gatewaysConfig).gateways));
  }

  // Only a help admin is told how to use it.
  override help(msg: IncomingMessage): Promise<void> {
    return this.handle(msg, '');
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    if (!msg.contact?.active || !msg.contact.isHelpAdmin) throw new SmsReplyError(texts.printerNotAdmin);
    const words = rest.trim().split(/\s+/);
    const action = words[0].toLowerCase();
    if (words.length !== 4 || (action !== 'add' && action !== 'remove')) throw new SmsReplyError(texts.printerHelp);
    const [, code, backendName, phone] = words;
    const place = await this.directory.findByCode(code, ['clinic', 'other'], msg.db);
    if (!place) throw new SmsReplyError(texts.printerUnknownLocation, { code });
    const backend = backendName.toLowerCase();
    if (!this.backends.has(backend)) throw new SmsReplyError(texts.printerUnknownBackend, { name: backendName });
    const command = { place, backend, phone };
    if (action === 'add') await this.add(msg, command);
    else await this.remove(msg, command);
  }

  private async add(msg: IncomingMessage, { place, backend, phone }: PrinterCommand): Promise<void> {
    const db = msg.db;
    const now = this.clock.now();
    const connection = await this.contacts.connectionFor(backend, phone, db);
    const current = connection.contactId === null ? null : await this.contacts.findById(connection.contactId, db);
    // Adding the same printer again keeps its contact.
    const printer =
      current?.active && current.roles.includes('printer') && current.locationId === place.id
        ? current
        : await this.contacts.register(
            { name: `Printer in ${place.name}`, locationId: place.id, roles: ['printer'] },
            db,
          );
    const linked = await this.contacts.link(connection, printer.id, db);
    await this.sender.send(
      { connection: linked, contact: printer },
      texts.printerRegistered,
      { location: place.name },
      messageContext(msg, now),
    );
    await this.printers.markIndependent(place.id, now, db);
    msg.respond(texts.printerAdded);
  }

  private async remove(msg: IncomingMessage, { place, backend, phone }: PrinterCommand): Promise<void> {
    const db = msg.db;
    const found = await this.contacts.findByPhone(phone, db, { backend });
    const contact = found?.contact;
    if (!found || !contact?.active || !contact.roles.includes('printer') || contact.locationId !== place.id) {
      throw new SmsReplyError(texts.printerNotFound);
    }
    const printer: Recipient = { connection: found.connection, contact };
    await this.sender.send(
      printer,
      texts.printerDeregistered,
      { location: place.name },
      messageContext(msg, this.clock.now()),
    );
    await this.contacts.deactivate(contact.id, db);
    await this.printers.unmarkIfNone(place.id, db);
    msg.respond(texts.printerRemoved);
  }
}
