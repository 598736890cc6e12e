import { type HandleResult, type IncomingMessage, SmsApp, type SmsAppHooks } from '@mwana/core';
import { PrinterSender } from './printer-sender.service';

const CONFIRM_SMS = /^\s*confirm\s+sms\s*:?\s*([0-9a-f]{1,2})\s*\.?\s*$/i;

/**
 * A printer's `Confirm SMS: <hex>` (docs/keywords.md#confirm-sms): confirms the printer's newest unconfirmed
 * SMS with that sequence number, `00` included. It runs before the keyword handlers, so
 * that RemindMi's CONFIRM never sees it, and it is never answered.
 */
@SmsApp({ name: 'tlcprinters', position: 'first' })
export class ConfirmSmsApp implements SmsAppHooks {
  constructor(private readonly sender: PrinterSender) {}

  async handle(msg: IncomingMessage): Promise<HandleResult> {
    // The raw text: string cleaning must not touch the hex digits.
    const match = CONFIRM_SMS.exec(msg.rawText);
    if (!match) return 'continue';
    await this.sender.confirm(msg.connection.id, Number.parseInt(match[1], 16), msg.db);
    return 'handled';
  }
}
