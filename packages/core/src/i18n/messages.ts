import { I18nError, I18nErrorCode } from './i18n.error';

// Type-only: carries a text's placeholder names so that params can be checked at compile time.
declare const placeholderType: unique symbol;

/**
 * A declared text. Its English source is the gettext msgid: catalogues are keyed by it (and
 * by `context`), so changing the English makes the old translations stop matching, as it should.
 */
export interface Message<P extends string = string> {
  /** The declaring module (`contacts`, `labresults`): groups texts in templates and reports. */
  readonly domain: string;
  readonly key: string;
  /** The English text; for a plural text, the singular. */
  readonly id: string;
  /** The English plural (msgid_plural); set on plural texts only. */
  readonly plural?: string;
  /** gettext msgctxt: tells apart equal English texts that translate differently. */
  readonly context?: string;
  /**
   * Why this text may be longer than one SMS (a batch of results, a list of names): the
   * length check then shows its split instead of failing.
   */
  readonly long?: string;
  readonly [placeholderType]?: P;
}

export interface PluralMessage<P extends string = string> extends Message<P> {
  readonly plural: string;
}

export interface TextSpec<T extends string = string> {
  readonly text: T;
  readonly context?: string;
  /** Why it may exceed one SMS (`translations check` shows its split instead of failing). */
  readonly long?: string;
}

export interface PluralSpec<One extends string = string, Other extends string = string> {
  readonly one: One;
  readonly other: Other;
  readonly context?: string;
  readonly long?: string;
}

export type MessageSpec = string | TextSpec | PluralSpec;

// Tail-recursive (accumulators) so that long texts stay within the compiler's depth limit.
type Chars<S extends string, Acc extends string = never> = S extends `${infer C}${infer R}` ? Chars<R, Acc | C> : Acc;
type WordChar = Chars<'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'>;
type IsWord<S extends string> = S extends `${infer C}${infer R}`
  ? C extends WordChar
    ? R extends ''
      ? true
      : IsWord<R>
    : false
  : false;
// `a { b {name}` is `{name}` at run time (the regex takes the innermost brace), and so here.
type Name<N extends string> = N extends `${string}{${infer Inner}` ? Name<Inner> : IsWord<N> extends true ? N : never;
type Names<S extends string, Acc extends string = never> = S extends `${string}{${infer N}}${infer Rest}`
  ? Names<Rest, Acc | Name<N>>
  : Acc;

/** The `{placeholder}` names of a literal text type; `string` when the text is not a literal. */
export type Placeholders<S extends string> = string extends S ? string : Names<S>;

type MessageOf<S> =
  S extends PluralSpec<infer One, infer Other>
    ? PluralMessage<Placeholders<One> | Placeholders<Other>>
    : S extends TextSpec<infer T>
      ? Message<Placeholders<T>>
      : S extends string
        ? Message<Placeholders<S>>
        : never;

/** The values a message needs: `MessageParams<typeof texts.leaveDone>` is `{ name: string | number }`. */
export type MessageParams<M extends Message> =
  M extends Message<infer P> ? { readonly [K in P]: string | number } : never;

/** A text with a singular and a plural English form; the catalogue's Plural-Forms picks the form. */
export function plural<const One extends string, const Other extends string>(
  one: One,
  other: Other,
  options: { context?: string; long?: string } = {},
): PluralSpec<One, Other> {
  return { one, other, ...options };
}

/**
 * Declares a module's texts, in English with `{named}` placeholders, and registers them so
 * that `toPot` and `findMissingTranslations` know every text the system can send.
 *
 * @example
 * export const contactsTexts = defineMessages('contacts', {
 *   leaveDone: "You have successfully unregistered, {name}. We're sorry to see you go.",
 *   results: plural('{count} result is ready', '{count} results are ready'),
 *   may: { text: 'May', context: 'month' },
 * });
 * msg.respond(contactsTexts.leaveDone, { name: contact.name });
 */
export function defineMessages<const T extends Readonly<Record<string, MessageSpec>>>(
  domain: string,
  specs: T,
): { readonly [K in keyof T & string]: MessageOf<T[K]> } {
  const messages: Record<string, Message> = {};
  for (const [key, spec] of Object.entries(specs)) {
    messages[key] = register(toMessage(domain, key, spec), false);
  }
  return Object.freeze(messages) as { readonly [K in keyof T & string]: MessageOf<T[K]> };
}

/**
 * A text that comes from configuration (a country's default reply): translatable like a
 * declared one when a catalogue has its English. Registering it again replaces it, because a
 * process (a test run) may build several apps with different configuration.
 */
export function configText(domain: string, key: string, text: string): Message {
  return register(toMessage(domain, key, text), true);
}

/** Every message declared so far in this process, in declaration order. */
export function registeredMessages(): Message[] {
  return [...registry.values()];
}

export function isPluralMessage(message: Message): message is PluralMessage {
  return message.plural !== undefined;
}

/** `domain.key`, how errors, reports and templates name a message. */
export function messageLabel(message: Message): string {
  return `${message.domain}.${message.key}`;
}

const registry = new Map<string, Message>();

function register(message: Message, replace: boolean): Message {
  const id = `${message.domain}\u0000${message.key}`;
  const existing = registry.get(id);
  if (existing && !replace && !sameText(existing, message)) {
    throw new I18nError(
      I18nErrorCode.ConflictingMessage,
      `${messageLabel(message)} is declared twice: "${existing.id}" and "${message.id}"`,
    );
  }
  if (existing && !replace) return existing;
  registry.set(id, message);
  return message;
}

function sameText(a: Message, b: Message): boolean {
  return a.id === b.id && a.plural === b.plural && a.context === b.context;
}

function toMessage(domain: string, key: string, spec: MessageSpec): Message {
  const base = { domain, key };
  const message: Message =
    typeof spec === 'string'
      ? { ...base, id: spec }
      : 'text' in spec
        ? { ...base, id: spec.text, ...context(spec.context), ...long(spec.long) }
        : { ...base, id: spec.one, plural: spec.other, ...context(spec.context), ...long(spec.long) };
  // msgid "" is the catalogue header in gettext: an empty text could never be translated.
  if (message.id === '' || message.plural === '') {
    throw new I18nError(I18nErrorCode.BadMessage, `${messageLabel(message)} has an empty English text`);
  }
  return Object.freeze(message);
}

function context(value: string | undefined): { context?: string } {
  return value === undefined ? {} : { context: value };
}

function long(reason: string | undefined): { long?: string } {
  return reason === undefined ? {} : { long: reason };
}
