import { KeywordHandler } from '../messaging/decorators';
import { KeywordHandlerBase } from '../messaging/handler-base';
import type { IncomingMessage } from '../messaging/incoming-message';
import { ContactsService } from '../contacts/contacts.service';
import { contactsTexts } from '../contacts/contacts.texts';

/** LEAVE: the sender's contact is deactivated (kept, never deleted) and unlinked. */
@KeywordHandler({ app: 'contacts', keyword: 'LEAVE', aliases: ['UNREGISTER', 'UNREG'], help: contactsTexts.leaveDone })
export class LeaveHandler extends KeywordHandlerBase {
  constructor(private readonly contacts: ContactsService) {
    super();
  }

  // LEAVE works the same with or without text after it.
  override help(msg: IncomingMessage): Promise<void> {
    return this.handle(msg);
  }

  async handle(msg: IncomingMessage): Promise<void> {
    const contact = msg.contact;
    if (!contact || !contact.active) {
      msg.respond(contactsTexts.leaveUnknown);
      return;
    }
    await this.contacts.deactivate(contact.id, msg.db);
    msg.respond(contactsTexts.leaveDone, { name: contact.name });
  }
}
