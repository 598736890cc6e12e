import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { Catalogue, type Translation } from '../i18n/catalogue';
import { type Message, messageLabel, registeredMessages } from '../i18n/messages';
import { isSourceLanguage } from '../i18n/translator';
import { sha256 } from '../security/secrets';

/** Translated: reviewed in the .po file or approved on the console; fuzzy: an unreviewed draft (sent); missing: none. */
export type ReviewState = 'translated' | 'fuzzy' | 'missing';

export interface Approval {
  readonly by: string;
  readonly at: Date;
}

export interface ReviewEntry {
  readonly message: Message;
  readonly label: string;
  readonly state: ReviewState;
  readonly translation?: Translation;
  /** Set when the entry is fuzzy in its .po file but a reviewer approved this draft on the console. */
  readonly approval?: Approval;
}

export interface LanguageReview {
  readonly code: string;
  readonly name: string;
  readonly entries: readonly ReviewEntry[];
  readonly counts: Readonly<Record<ReviewState, number>>;
}

export class TranslationReviewError extends Error {}

/**
 * Review of the catalogues, per configured language (English is the source): every text of
 * every installed app with its state. Approving a fuzzy draft is stored in
 * `translation_approval` (the .po files are part of the release and never written by the
 * app): it overrides the file's `#, fuzzy` while the file still holds that exact draft, so a
 * new draft of the text needs reviewing again. Sending is unchanged: fuzzy drafts are sent.
 */
@Injectable()
export class TranslationReviewService {
  constructor(
    private readonly catalogue: Catalogue,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: MwanaConfig,
  ) {}

  /** The country's languages that need translating, in its order. */
  languages(): { code: string; name: string }[] {
    return this.config.section(countryConfig).languages.filter((l) => !isSourceLanguage(l.code));
  }

  async review(language: string): Promise<LanguageReview> {
    const lang = this.language(language);
    const rows = await this.dataSource.query<{ digest: string; approved_by: string; approved_at: Date }[]>(
      'SELECT digest, approved_by, approved_at FROM translation_approval WHERE language = $1',
      [lang.code],
    );
    const approvals = new Map(rows.map((r) => [r.digest.trim(), { by: r.approved_by, at: r.approved_at }]));
    const entries = registeredMessages().map((message): ReviewEntry => {
      const label = messageLabel(message);
      const translation = this.catalogue.find(lang.code, message);
      if (!translation) return { message, label, state: 'missing' };
      if (!translation.fuzzy) return { message, label, state: 'translated', translation };
      const approval = approvals.get(digest(message, translation));
      return approval
        ? { message, label, state: 'translated', translation, approval }
        : { message, label, state: 'fuzzy', translation };
    });
    const counts = { translated: 0, fuzzy: 0, missing: 0 };
    for (const entry of entries) counts[entry.state] += 1;
    return { ...lang, entries, counts };
  }

  /**
   * Approves the draft a text has now in a language. Only a fuzzy draft can be approved; approving
   * one twice (two reviewers at once) keeps the first approval. Returns false if it already was.
   */
  async approve(language: string, label: string, username: string): Promise<boolean> {
    const lang = this.language(language);
    const message = registeredMessages().find((m) => messageLabel(m) === label);
    if (!message) throw new TranslationReviewError(`There is no text ${label}.`);
    const translation = this.catalogue.find(lang.code, message);
    if (!translation) throw new TranslationReviewError(`${label} has no ${lang.name} translation to approve.`);
    if (!translation.fuzzy) throw new TranslationReviewError(`${label} is already reviewed in ${lang.name}.`);
    const inserted = await this.dataSource.query<{ id: number }[]>(
      `INSERT INTO translation_approval (language, digest, msgctxt, msgid, msgstr, approved_by, approved_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT translation_approval_once DO NOTHING RETURNING id`,
      [
        lang.code,
        digest(message, translation),
        message.context ?? '',
        message.id,
        [...translation.forms],
        username,
        this.clock.now(),
      ],
    );
    return inserted.length === 1;
  }

  private language(code: string): { code: string; name: string } {
    const lang = this.languages().find((l) => l.code === code);
    if (!lang) throw new TranslationReviewError(`${code} is not one of the country's languages to translate.`);
    return lang;
  }
}

/** The draft an approval is for: msgctxt, msgid and every msgstr form. */
function digest(message: Message, translation: Translation): string {
  return sha256(JSON.stringify([message.context ?? '', message.id, message.plural ?? null, translation.forms]));
}
