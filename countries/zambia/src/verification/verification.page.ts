import {
  ConsolePage,
  ContactsService,
  countryConfig,
  formatTime,
  html,
  MwanaConfig,
  type ConsoleContext,
  type ConsolePageHandler,
  type ConsoleView,
} from '@mwana/core';
import { DataSource } from 'typeorm';
import { VerificationQuestions } from './verification-questions.service';

const SHOWN = 100;

/** User verification as the help desk follows it (docs/keywords.md#user-verification): the latest questions, their answers, and who was deactivated. */
@ConsolePage({ path: 'verification', title: 'User verification', order: 72 })
export class VerificationPage implements ConsolePageHandler {
  private readonly timeZone: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly questions: VerificationQuestions,
    private readonly contacts: ContactsService,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async render(_ctx: ConsoleContext): Promise<ConsoleView> {
    const db = this.dataSource.manager;
    const asked = await this.questions.latest(SHOWN, db);
    const gone = await this.questions.latestDeactivations(SHOWN, db);
    const ids = [...new Set([...asked.map((q) => q.contactId), ...gone.map((d) => d.contactId)])];
    const names = new Map((await this.contacts.find({ ids, includeInactive: true }, db)).map((c) => [c.id, c.name]));
    const name = (id: number): string => names.get(id) ?? `#${id}`;
    const time = (date: Date | null): string => (date ? formatTime(date, this.timeZone) : '');
    const body = html`<p>Contacts silent for months are asked by SMS whether they still work where they registered; a NO, or no answer at all, deactivates them (kept, phones unlinked).</p>
<h2>Latest questions</h2>
${
  asked.length === 0
    ? html`<p class="muted">No question asked yet.</p>`
    : html`<div class="scroll"><table class="log"><thead><tr><th>Contact</th><th>Question</th><th>Asked</th><th>Answered</th><th>Answer</th></tr></thead><tbody>
${asked.map((q) => html`<tr><td>${name(q.contactId)}</td><td>${q.kind}</td><td class="nowrap">${time(q.askedAt)}</td><td class="nowrap">${time(q.answeredAt) || html`<span class="muted">no</span>`}</td><td>${q.answer ?? ''}</td></tr>\n`)}</tbody></table></div>`
}
<h2>Deactivated</h2>
${
  gone.length === 0
    ? html`<p class="muted">Nobody yet.</p>`
    : html`<div class="scroll"><table class="log"><thead><tr><th>Contact</th><th>Why</th><th>When</th></tr></thead><tbody>
${gone.map((d) => html`<tr><td>${name(d.contactId)}</td><td>${d.reason === 'lost' ? 'never answered' : 'answered NO'}</td><td class="nowrap">${time(d.deactivatedAt)}</td></tr>\n`)}</tbody></table></div>`
}`;
    return { body };
  }
}
