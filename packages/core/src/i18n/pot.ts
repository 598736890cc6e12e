import { I18nError, I18nErrorCode } from './i18n.error';
import { isPluralMessage, type Message, messageLabel, registeredMessages } from './messages';
import { placeholderNames } from './placeholders';
import { compilePo, type PoEntry } from './po-file';

export interface PotOptions {
  /** Project-Id-Version, e.g. `Mwana Zambia 1.4.0`. */
  readonly project?: string;
}

/**
 * A gettext template (.pot) of the messages, for translators to start or update a catalogue
 * (`msginit -l bem`, `msgmerge bem.po mwana.pot`). Each entry names its messages in `#.`
 * comments (`#. contacts.leaveDone`); texts with placeholders are flagged
 * python-brace-format so `msgfmt --check` verifies the translations keep them. Messages that
 * share an English text and context share an entry, as gettext requires. Ordered by domain,
 * then declaration.
 */
export function toPot(messages: readonly Message[] = registeredMessages(), options: PotOptions = {}): string {
  const entries = new Map<string, { first: Message; labels: string[] }>();
  const byDomain = [...messages].sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  for (const message of byDomain) {
    const key = `${message.context ?? ''}\u0004${message.id}`;
    const seen = entries.get(key);
    if (!seen) {
      entries.set(key, { first: message, labels: [messageLabel(message)] });
    } else if (seen.first.plural !== message.plural) {
      // One msgid cannot be both singular and plural (or have two plurals) in a catalogue.
      throw new I18nError(
        I18nErrorCode.ConflictingMessage,
        `${seen.labels[0]} and ${messageLabel(message)} share the English "${message.id}" but not its plural; give one a context`,
      );
    } else {
      seen.labels.push(messageLabel(message));
    }
  }

  const translations: Record<string, Record<string, PoEntry>> = { '': { '': { msgid: '', msgstr: [''] } } };
  for (const { first, labels } of entries.values()) {
    const context = first.context ?? '';
    const usesPlaceholders = placeholderNames(`${first.id} ${first.plural ?? ''}`).length > 0;
    const entry: PoEntry = {
      msgid: first.id,
      msgstr: isPluralMessage(first) ? ['', ''] : [''],
      ...(first.context === undefined ? {} : { msgctxt: first.context }),
      ...(isPluralMessage(first) ? { msgid_plural: first.plural } : {}),
      comments: { extracted: labels.join('\n'), ...(usesPlaceholders ? { flag: 'python-brace-format' } : {}) },
    };
    (translations[context] ??= {})[first.id] = entry;
  }

  return compilePo({
    charset: 'utf-8',
    headers: {
      // msginit and Poedit fill in these template values; no date, so the output is reproducible.
      'Project-Id-Version': options.project ?? 'Mwana',
      'PO-Revision-Date': 'YEAR-MO-DA HO:MI+ZONE',
      'Last-Translator': 'FULL NAME <EMAIL@ADDRESS>',
      'Language-Team': 'LANGUAGE <LL@li.org>',
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=UTF-8',
      'Content-Transfer-Encoding': '8bit',
      Language: '',
      // For the translator to fill in (msginit does): the language's plural rule.
      'Plural-Forms': 'nplurals=INTEGER; plural=EXPRESSION;',
    },
    translations,
  });
}
