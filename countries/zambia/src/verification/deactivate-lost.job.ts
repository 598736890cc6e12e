import { ContactsService, type JobContext, type JobRunner, ScheduledJob } from '@mwana/core';
import { Inject, Logger } from '@nestjs/common';
import type { ZambiaSettings } from '../zambia.config';
import { ZAMBIA_OPTIONS } from '../zambia.module-definition';
import { VerificationAsker } from './verification-asker.service';
import { VerificationQuestions } from './verification-questions.service';

const DAY_MS = 86_400_000;

/**
 * Lost users (docs/keywords.md#user-verification): contacts who left `lost.unanswered`
 * questions unanswered since they last wrote and have been silent `lost.silentDays` (127)
 * are deactivated through the contacts contract (kept, phones unlinked) and recorded. No
 * SMS: they would not read it.
 */
@ScheduledJob({
  name: 'zambia.deactivate-lost-users',
  cron: '15 6,18 * * 0,3,5,6',
  description: 'deactivate users who never answered the verification questions',
})
export class DeactivateLostUsersJob implements JobRunner {
  private readonly logger = new Logger('UserVerification');

  constructor(
    private readonly asker: VerificationAsker,
    private readonly questions: VerificationQuestions,
    private readonly contacts: ContactsService,
    @Inject(ZAMBIA_OPTIONS) private readonly settings: ZambiaSettings,
  ) {}

  async run({ db, now }: JobContext): Promise<void> {
    const { unanswered, silentDays } = this.settings.verification.lost;
    const cutoff = now.getTime() - silentDays * DAY_MS;
    const silent = (
      await this.asker.silent(
        (await this.asker.inScope(db)).map((r) => r.contact),
        db,
      )
    ).filter((s) => s.since.getTime() <= cutoff);
    const asked = await this.questions.unanswered(
      silent.map((s) => s.contact.id),
      db,
    );
    for (const { contact, since } of silent) {
      // Only questions they could have answered: asked after the last thing they sent.
      const ignored = (asked.get(contact.id) ?? []).filter((at) => at > since).length;
      if (ignored < unanswered) continue;
      await this.contacts.deactivate(contact.id, db);
      await this.questions.deactivated(contact.id, 'lost', now, db);
      this.logger.log(
        `contact #${contact.id} deactivated: ${ignored} question(s) unanswered, silent since ${since.toISOString()}`,
      );
    }
  }
}
