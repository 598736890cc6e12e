import {
  ContactsService,
  type FilterResult,
  type IncomingMessage,
  maskIdentity,
  SmsApp,
  type SmsAppHooks,
} from '@mwana/core';
import { Logger } from '@nestjs/common';
import { zambiaTexts as texts } from '../zambia.texts';
import { BlacklistService } from './blacklist.service';

/**
 * The blacklist (Mwana's first app; docs/keywords.md#blacklist): an SMS from a blocked phone
 * is stored and marked (handled by `blacklist`, in its filter), answered with the blocked
 * reply, and goes no further: no keyword, PIN or job sees it. The help admins are told once
 * per block, on its first SMS, not on every one (a blocked phone that keeps sending would
 * otherwise flood the help desk). The lookup reads outside the routing transaction, so an
 * SMS from anyone else costs one indexed read and no transaction.
 */
@SmsApp({ name: 'blacklist', position: 'first' })
export class BlacklistApp implements SmsAppHooks {
  private readonly logger = new Logger('Blacklist');

  constructor(
    private readonly blacklist: BlacklistService,
    private readonly contacts: ContactsService,
  ) {}

  async filter(msg: IncomingMessage): Promise<FilterResult> {
    const block = await this.blacklist.inForce(msg.connection.identity);
    if (!block) return 'continue';
    this.logger.log(`#${msg.record.id} from blocked ${maskIdentity(msg.connection.identity)}: stopped`);
    msg.respond(texts.blocked);
    // With no help admin yet, the alert stays unclaimed: the first one there is hears of it.
    const admins = await this.contacts.helpAdmins(msg.db);
    if (admins.length > 0 && (await this.blacklist.claimAlert(block, msg.db))) {
      for (const admin of admins) msg.notify(admin, texts.blockedAlert, { phone: msg.connection.identity });
    }
    return 'stop';
  }
}
