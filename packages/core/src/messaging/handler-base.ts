import type { EntityManager } from 'typeorm';
import type { Connection } from '../contacts/connection.entity';
import type { Contact } from '../contacts/contact.entity';
import { KeywordMeta, type KeywordHandlerOptions, PatternMeta, type PatternHandlerOptions } from './decorators';
import { IncomingMessage } from './incoming-message';
import { keywordPattern, matchKeyword } from './keyword-matcher';
import { renderEnglish } from '../i18n/render';
import { SmsReplyError } from './sms-reply.error';

export interface HandlerTestOptions {
  readonly identity?: string;
  readonly contact?: Contact | null;
  /** A transaction or manager, for handlers that read or write. */
  readonly db?: EntityManager;
}

function testMessage(text: string, options: HandlerTestOptions): IncomingMessage {
  const connection = {
    id: 0,
    backend: 'test',
    identity: options.identity ?? '+260977000000',
    contactId: options.contact?.id ?? null,
    createdAt: new Date(0),
  } satisfies Connection;
  return new IncomingMessage(
    { id: '0', text, createdAt: new Date(), providerId: null },
    connection,
    options.contact ?? null,
    options.db ?? null,
  );
}

/** Runs a handler and turns an `SmsReplyError` into its reply. */
export async function runHandler(msg: IncomingMessage, work: () => unknown): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof SmsReplyError)) throw error;
    msg.respond(error.text, error.params, error.options);
  }
}

function repliesOf(msg: IncomingMessage): string[] {
  return msg.queued.map((q) => renderEnglish(q.text, q.params));
}

/**
 * Base of keyword handlers: `handle(msg, rest)` for the keyword with text after it, `help`
 * for the keyword alone. `test('LEAVE now')` runs it without a router and returns the
 * replies in English, or false when the text does not start with the keyword.
 */
export abstract class KeywordHandlerBase {
  abstract handle(msg: IncomingMessage, rest: string): unknown;

  /** The reply to the bare keyword; override for a reply that depends on the sender. */
  help(msg: IncomingMessage): unknown {
    msg.respond(this.options.help);
    return undefined;
  }

  get options(): KeywordHandlerOptions {
    const options = Reflect.getMetadata(KeywordMeta.KEY, this.constructor) as KeywordHandlerOptions | undefined;
    if (!options) throw new Error(`${this.constructor.name} extends KeywordHandlerBase without @KeywordHandler`);
    return options;
  }

  /** Every spelling this handler answers to. */
  get keywords(): string[] {
    return [this.options.keyword, ...(this.options.aliases ?? [])];
  }

  /** Its keywords' pattern; a digit glued to the keyword starts the rest unless its text is free (verbatim). */
  keywordPattern(): RegExp {
    return keywordPattern(this.keywords, { gluedDigits: this.options.cleaning !== 'verbatim' });
  }

  /** Runs the handler on `msg` if its text starts with a keyword; false otherwise. */
  async dispatch(msg: IncomingMessage, pattern = this.keywordPattern()): Promise<boolean> {
    const match = matchKeyword(pattern, msg.text);
    if (!match) return false;
    await runHandler(msg, () => (match.rest ? this.handle(msg, match.rest) : this.help(msg)));
    return true;
  }

  async test(text: string, options: HandlerTestOptions = {}): Promise<string[] | false> {
    const msg = testMessage(text, options);
    return (await this.dispatch(msg)) ? repliesOf(msg) : false;
  }
}

/** Base of pattern handlers: `handle(msg, ...groups)` when the pattern matches. */
export abstract class PatternHandlerBase {
  abstract handle(msg: IncomingMessage, ...groups: string[]): unknown;

  get options(): PatternHandlerOptions {
    const options = Reflect.getMetadata(PatternMeta.KEY, this.constructor) as PatternHandlerOptions | undefined;
    if (!options) throw new Error(`${this.constructor.name} extends PatternHandlerBase without @PatternHandler`);
    return options;
  }

  async dispatch(msg: IncomingMessage): Promise<boolean> {
    const match = this.options.pattern.exec(msg.text);
    if (!match) return false;
    await runHandler(msg, () => this.handle(msg, ...match.slice(1).map((g) => g ?? '')));
    return true;
  }

  async test(text: string, options: HandlerTestOptions = {}): Promise<string[] | false> {
    const msg = testMessage(text, options);
    return (await this.dispatch(msg)) ? repliesOf(msg) : false;
  }
}
