import { literal, maskSecrets, TextRenderer, type TextParams, type Translatable } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MessageConfirmation } from './message-confirmation.entity';
import type { Recipient, SendContext } from './recipients.service';

// One sequence for every printer (docs/keywords.md#printer): senders take it in turn within their transaction.
const SEQUENCE_LOCK = 1_764_300_012;

/** Lowercase two-digit hex: 0 -> `00`, 255 -> `ff`. */
export function seqPrefix(seq: number): string {
  return seq.toString(16).padStart(2, '0');
}

/**
 * SMS to clinic printers (docs/keywords.md#printer): each one starts with a two-digit hex sequence number,
 * one more than the newest sent (255 wraps to 0, the first is `00`), and is kept until the
 * printer confirms it.
 */
@Injectable()
export class PrinterSender {
  constructor(private readonly renderer: TextRenderer) {}

  /**
   * Queues `text` to the printer behind the next sequence number; `resultId` names the result
   * a slip carries and `secrets` its value, kept masked here and in the message log.
   */
  async send(
    printer: Recipient,
    text: Translatable,
    params: TextParams,
    ctx: SendContext,
    resultId: number | null = null,
    secrets: readonly string[] = [],
  ): Promise<void> {
    const seq = await this.nextSeq(ctx.db);
    // Rendered here, not by the outbox, because the prefix goes in front of the finished text.
    const body = `${seqPrefix(seq)}${this.renderer.render(text, params, printer.contact.language)}`;
    await ctx.db.insert(MessageConfirmation, {
      connectionId: printer.connection.id,
      resultId,
      text: maskSecrets(body, secrets),
      seq,
      sentAt: ctx.now,
      confirmed: false,
    });
    ctx.send(printer, literal(body), {}, { secrets });
  }

  /** `Confirm SMS: <hex>` from a printer: its newest unconfirmed SMS with that number is confirmed. */
  async confirm(connectionId: number, seq: number, db: EntityManager): Promise<boolean> {
    // An UPDATE answers [rows, count].
    const [, count]: [unknown[], number] = await db.query(
      `UPDATE message_confirmation SET confirmed = true
        WHERE id = (SELECT id FROM message_confirmation WHERE connection_id = $1 AND seq = $2 AND NOT confirmed
                     ORDER BY sent_at DESC, id DESC LIMIT 1)`,
      [connectionId, seq],
    );
    return count > 0;
  }

  private async nextSeq(db: EntityManager): Promise<number> {
    await db.query('SELECT pg_advisory_xact_lock($1)', [SEQUENCE_LOCK]);
    const [newest]: Array<{ seq: number }> = await db.query(
      'SELECT seq FROM message_confirmation ORDER BY sent_at DESC, id DESC LIMIT 1',
    );
    return newest ? (newest.seq + 1) % 256 : 0;
  }
}
