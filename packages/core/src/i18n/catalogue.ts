import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pluralForms from '@tannin/plural-forms';
import { displayPath } from '../config/config-layers';
import { I18nError, I18nErrorCode } from './i18n.error';
import { isPluralMessage, type Message } from './messages';
import { placeholderNames } from './placeholders';
import { parsePo, poFlags, type PoEntry } from './po-file';

/**
 * A usable translation: every form filled in. A fuzzy one (machine-drafted, awaiting a native
 * speaker) is used too, for it reads better to the contact than English; a stale one
 * (msgmerge's fuzzy guess after an English change, carrying a `#| msgid` previous comment) is not.
 */
export interface Translation {
  /** `#, fuzzy`: sent, but not yet reviewed. */
  readonly fuzzy: boolean;
  /** msgstr: one form, or `nplurals` forms for a plural text. */
  readonly forms: readonly string[];
  /** The form for a count, by the Plural-Forms of the file the translation came from. */
  readonly pluralIndex: (count: number) => number;
  readonly file: string;
  readonly plural: boolean;
}

/** One .po file's text; `Catalogue.load` reads them from folders. */
export interface PoSource {
  readonly language: string;
  readonly file: string;
  readonly content: Buffer | string;
}

// The codes the country config accepts (bem, chi_MW): a file named otherwise would never be used.
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/;

/**
 * The translations of every language, from gettext .po files. Several folders are layered, a
 * shared package's first and the country's last: a later file's translation of a msgid wins.
 * Only usable translations are layered, so a country file listing a text with an empty msgstr
 * does not hide the shared translation.
 */
export class Catalogue {
  private constructor(
    private readonly byLanguage: ReadonlyMap<string, ReadonlyMap<string, Translation>>,
    /** The files read, in layering order, for the boot log. */
    readonly files: readonly string[],
  ) {}

  /**
   * Reads `<dir>/<language>.po` from each folder, in order, at boot (hence synchronous). A
   * folder that does not exist is skipped: git keeps no empty folder, so a package with no
   * translations yet has none.
   */
  static load(directories: readonly string[]): Catalogue {
    return Catalogue.fromSources(Catalogue.readSources(directories));
  }

  /** The `<dir>/<language>.po` files of the folders, in layering order, as `load` reads them. */
  static readSources(directories: readonly string[]): PoSource[] {
    const sources: PoSource[] = [];
    for (const dir of directories) {
      if (!existsSync(dir)) continue;
      if (!statSync(dir).isDirectory()) throw badCatalogue(dir, 'is not a folder');
      for (const name of readdirSync(dir)
        .filter((n) => n.endsWith('.po'))
        .sort()) {
        const file = join(dir, name);
        const language = name.slice(0, -'.po'.length);
        if (!LANGUAGE.test(language)) throw badCatalogue(file, 'is not named <language>.po, as bem.po or chi_MW.po');
        sources.push({ language, file, content: readFileSync(file) });
      }
    }
    return sources;
  }

  /** Builds a catalogue from .po texts; a later source's translation of a msgid wins. */
  static fromSources(sources: readonly PoSource[]): Catalogue {
    const byLanguage = new Map<string, Map<string, Translation>>();
    for (const source of sources) {
      const entries = byLanguage.get(source.language) ?? new Map<string, Translation>();
      for (const [key, translation] of readSource(source)) {
        // A reviewed translation is not hidden by a later layer's unreviewed draft.
        const earlier = entries.get(key);
        if (!earlier || earlier.fuzzy || !translation.fuzzy) entries.set(key, translation);
      }
      byLanguage.set(source.language, entries);
    }
    return new Catalogue(
      byLanguage,
      sources.map((s) => s.file),
    );
  }

  static empty(): Catalogue {
    return new Catalogue(new Map(), []);
  }

  /** Languages with at least one file. */
  get languages(): string[] {
    return [...this.byLanguage.keys()];
  }

  /**
   * The translation of a message in a language, if there is a usable one; for `xx_YY`, one in
   * `xx` if `xx_YY` has none, as gettext does. A plural text needs a plural entry, and back.
   */
  find(language: string, message: Message): Translation | undefined {
    const key = entryKey(message.context ?? '', message.id);
    const base = language.split('_')[0];
    for (const lang of base === language ? [language] : [language, base]) {
      const translation = this.byLanguage.get(lang)?.get(key);
      if (translation && translation.plural === isPluralMessage(message)) return translation;
    }
    return undefined;
  }
}

function readSource(source: PoSource): Map<string, Translation> {
  let po;
  try {
    po = parsePo(source.content);
  } catch (error) {
    throw badCatalogue(source.file, (error as Error).message);
  }
  const rule = pluralRule(source.file, po.headers?.['Plural-Forms']);
  const translations = new Map<string, Translation>();
  for (const [context, entries] of Object.entries(po.translations)) {
    for (const entry of Object.values(entries)) {
      if (context === '' && entry.msgid === '') continue;
      const fuzzy = poFlags(entry).includes('fuzzy');
      if (fuzzy && isStale(entry)) continue;
      const plural = entry.msgid_plural !== undefined;
      const forms = entry.msgstr.slice(0, plural ? rule.nplurals : 1);
      if (forms.length < (plural ? rule.nplurals : 1) || forms.includes('')) continue;
      checkPlaceholders(source.file, entry, forms);
      translations.set(entryKey(context, entry.msgid), {
        forms,
        pluralIndex: rule.index,
        file: source.file,
        plural,
        fuzzy,
      });
    }
  }
  return translations;
}

/**
 * msgmerge --previous keeps the English an entry was translated from (`#| msgid`) when it
 * guesses a translation for a changed English text: that guess is for another text.
 */
function isStale(entry: PoEntry): boolean {
  return (entry.comments?.previous ?? '').trim() !== '';
}

/**
 * As `msgfmt --check` does for python-brace-format: no translation may invent a placeholder
 * (it would never get a value), and a singular one may not drop one (a dropped {result} is
 * lost news); a plural form may, as `icipimo cimo` for "{count} result" does.
 */
function checkPlaceholders(file: string, entry: PoEntry, forms: readonly string[]): void {
  const english = placeholderNames(`${entry.msgid} ${entry.msgid_plural ?? ''}`);
  for (const form of forms) {
    const names = placeholderNames(form);
    const unknown = names.filter((name) => !english.includes(name));
    if (unknown.length > 0) {
      throw badCatalogue(file, `"${form}" has {${unknown.join('}, {')}}, which "${entry.msgid}" does not have`);
    }
    const dropped = entry.msgid_plural === undefined ? english.filter((name) => !names.includes(name)) : [];
    if (dropped.length > 0) {
      throw badCatalogue(file, `"${form}" lacks {${dropped.join('}, {')}}, which "${entry.msgid}" has`);
    }
  }
}

interface PluralRule {
  readonly nplurals: number;
  readonly index: (count: number) => number;
}

// gettext's own default when a catalogue has no Plural-Forms header: English's two forms.
const DEFAULT_RULE: PluralRule = { nplurals: 2, index: (n) => (n !== 1 ? 1 : 0) };
const HEADER = /^\s*nplurals\s*=\s*(\d)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$/;
const EXPRESSION = /^[n\d\s()?:<>=!&|%+\-*/]+$/;

function pluralRule(file: string, header: string | undefined): PluralRule {
  if (header === undefined || header.trim() === '') return DEFAULT_RULE;
  const match = HEADER.exec(header);
  if (!match || !EXPRESSION.test(match[2])) throw badCatalogue(file, `cannot read Plural-Forms "${header}"`);
  const nplurals = Number(match[1]);
  const index = pluralForms(match[2]) as (n: number) => number;
  // tannin does not reject a malformed expression (it yields NaN or nonsense), so try it.
  for (let n = 0; n <= 1000; n++) {
    const i = index(n);
    if (!Number.isInteger(i) || i < 0 || i >= nplurals) {
      throw badCatalogue(file, `Plural-Forms "${header}" gives form ${i} for n=${n}, outside 0..${nplurals - 1}`);
    }
  }
  return { nplurals, index };
}

// gettext joins msgctxt and msgid with EOT in compiled catalogues; no text contains it.
function entryKey(context: string, msgid: string): string {
  return `${context}\u0004${msgid}`;
}

function badCatalogue(file: string, problem: string): I18nError {
  return new I18nError(I18nErrorCode.BadCatalogue, `${displayPath(file)}: ${problem}`);
}
