import {
  Clock,
  ContactsService,
  type HandleResult,
  type IncomingMessage,
  maskIdentity,
  SmsApp,
  type SmsAppHooks,
} from '@mwana/core';
import { Inject, Logger } from '@nestjs/common';
import type { ZambiaSettings } from '../zambia.config';
import { ZAMBIA_OPTIONS } from '../zambia.module-definition';
import { VerificationQuestions } from './verification-questions.service';

const DAY_MS = 86_400_000;
// Four digits are a PIN sent at the wrong time, never an answer: a PIN is not stored here.
const PIN_SHAPED = /^\d{4}$/;

/**
 * Answers to the verification questions (docs/keywords.md#user-verification): a message no
 * keyword or PIN took, from a contact with a question open (asked in the last
 * `verification.openDays` and unanswered), answers it, as in Mwana, and gets no reply. A
 * bare NO then deactivates the contact through the contacts contract; a NO with no question
 * open is an ordinary message (Mwana deactivated on any NO, at any time). It runs in the
 * handle phase after the shared apps, so a PIN or a keyword is never taken for an answer.
 */
@SmsApp({ name: 'verification' })
export class VerificationAnswersApp implements SmsAppHooks {
  private readonly logger = new Logger('UserVerification');

  constructor(
    private readonly questions: VerificationQuestions,
    private readonly contacts: ContactsService,
    private readonly clock: Clock,
    @Inject(ZAMBIA_OPTIONS) private readonly settings: ZambiaSettings,
  ) {}

  async handle(msg: IncomingMessage): Promise<HandleResult> {
    const contact = msg.contact;
    const text = msg.text.trim();
    // An empty text is a phone's encoding we could not read: string cleaning answers it, not as an answer.
    if (!contact?.active || text === '' || PIN_SHAPED.test(text)) return 'continue';
    const now = this.clock.now();
    const openSince = new Date(now.getTime() - this.settings.verification.openDays * DAY_MS);
    // An answer is kept for the help desk to read; a PIN typed into it ("yes 1234") is not.
    const answer = msg.rawText.trim().replace(/\d{4,}/g, (digits) => '*'.repeat(digits.length));
    const answered = await this.questions.answer(contact.id, answer, now, openSince, msg.db);
    if (answered === 0) return 'continue';
    if (/^no$/i.test(text)) {
      await this.contacts.deactivate(contact.id, msg.db);
      await this.questions.deactivated(contact.id, 'answered-no', now, msg.db);
      this.logger.log(`contact #${contact.id} (${maskIdentity(msg.connection.identity)}) answered NO: deactivated`);
    }
    return 'handled';
  }
}
