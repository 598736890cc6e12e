import { countryConfig } from '../../config/core.config';
import { MwanaConfig } from '../../config/mwana-config';
import {
  ConsolePage,
  type ConsoleContext,
  type ConsoleForm,
  type ConsolePageHandler,
  type ConsoleSubmitResult,
  type ConsoleView,
} from '../console-page';
import { html, href, type SafeHtml } from '../html';
import {
  type LanguageReview,
  type ReviewEntry,
  type ReviewState,
  TranslationReviewError,
  TranslationReviewService,
} from '../translation-review.service';
import { formatTime } from './format';

const STATES: readonly ReviewState[] = ['fuzzy', 'missing', 'translated'];

/**
 * The catalogues' review, one page per language (`?language=bem`): how many texts are
 * translated, fuzzy (a draft, sent, awaiting a native speaker) and missing, each text listed,
 * and an Approve button on a fuzzy draft. Approvals are kept in the database (see
 * TranslationReviewService); the app never writes the .po files (`mwana translations export` does).
 */
@ConsolePage({ path: 'translations', title: 'Translations', order: 70 })
export class TranslationsPage implements ConsolePageHandler {
  private readonly timeZone: string;

  constructor(
    private readonly review: TranslationReviewService,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const languages = this.review.languages();
    const chosen = languages.find((l) => l.code === ctx.query.language);
    if (!chosen) {
      const reviews = await Promise.all(languages.map((l) => this.review.review(l.code)));
      return {
        body: html`<p class="muted">Every text of every installed app, per language. Fuzzy drafts are sent until reviewed; missing texts go out in the default language or English.</p>
<table class="log"><thead><tr><th>Language</th><th>Translated</th><th>Fuzzy</th><th>Missing</th></tr></thead><tbody>
${reviews.map((r) => html`<tr data-language="${r.code}"><td><a href="${href('/console/translations', { language: r.code })}">${r.name} (${r.code})</a></td>${counts(r)}</tr>`)}
</tbody></table>`,
      };
    }
    const review = await this.review.review(chosen.code);
    const state = STATES.find((s) => s === ctx.query.state);
    const shown = state ? review.entries.filter((e) => e.state === state) : review.entries;
    const link = (s?: ReviewState) => href('/console/translations', { language: chosen.code, state: s });
    return {
      title: `Translations: ${chosen.name}`,
      body: html`<table class="log"><thead><tr><th>Translated</th><th>Fuzzy</th><th>Missing</th></tr></thead>
<tbody><tr id="counts">${counts(review)}</tr></tbody></table>
<p class="filters">Show: <a href="${link()}">all</a> · ${STATES.map((s, i) => html`${i > 0 ? ' · ' : null}<a href="${link(s)}">${s}</a>`)}
· <a href="/console/translations">other languages</a></p>
<div class="scroll"><table class="log" id="entries"><thead><tr><th>Text</th><th>English</th><th>${chosen.name}</th><th>State</th><th></th></tr></thead><tbody>
${shown.map((e) => this.row(ctx, chosen.code, state, e))}</tbody></table></div>`,
    };
  }

  async submit(ctx: ConsoleContext, form: ConsoleForm): Promise<ConsoleSubmitResult> {
    const back = href('/console/translations', { language: form.language, state: form.state });
    if (form.action !== 'approve') return { redirect: back, error: 'Unknown action.' };
    try {
      const approved = await this.review.approve(form.language ?? '', form.entry ?? '', ctx.user.username);
      return approved
        ? { redirect: back, notice: `Approved ${form.entry}.` }
        : { redirect: back, notice: `${form.entry} was already approved.` };
    } catch (error) {
      if (error instanceof TranslationReviewError) return { redirect: back, error: error.message };
      throw error;
    }
  }

  private row(ctx: ConsoleContext, language: string, state: ReviewState | undefined, e: ReviewEntry): SafeHtml {
    const english = e.message.plural === undefined ? e.message.id : `${e.message.id} / ${e.message.plural}`;
    const translated = e.translation ? e.translation.forms.join(' / ') : html`<span class="muted">none</span>`;
    const approve =
      e.state === 'fuzzy'
        ? html`<form class="inline" method="post" action="/console/translations">${ctx.csrfField()}<input type="hidden" name="language" value="${language}"><input type="hidden" name="entry" value="${e.label}">${state ? html`<input type="hidden" name="state" value="${state}">` : null}<input type="hidden" name="action" value="approve"><button type="submit">Approve</button></form>`
        : null;
    const why = e.approval
      ? html`<br><span class="muted">approved by ${e.approval.by}, ${formatTime(e.approval.at, this.timeZone)}</span>`
      : null;
    return html`<tr data-entry="${e.label}" data-state="${e.state}"><td class="nowrap">${e.label}</td><td class="wide">${english}</td>
<td class="wide">${translated}</td><td data-label="state">${e.state}${why}</td><td class="nowrap">${approve}</td></tr>
`;
  }
}

function counts(r: LanguageReview): SafeHtml {
  return html`<td data-label="translated">${r.counts.translated}</td><td data-label="fuzzy">${r.counts.fuzzy}</td><td data-label="missing">${r.counts.missing}</td>`;
}
