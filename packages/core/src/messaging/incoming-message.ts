import type { EntityManager } from 'typeorm';
import type { Connection } from '../contacts/connection.entity';
import type { Contact } from '../contacts/contact.entity';
import type { TextParams, Translatable } from '../i18n/translatable';
import type { MessageRecord } from '../message-log/message.entity';
import type { LinkedConnection } from '../contacts/contacts.repository';
import { outboundText, type OutboundText, type SendOptions } from '../outbox/outbound-text';

/**
 * An inbound SMS while the router works on it. Apps read `text` (cleaned by the parse
 * phase), `connection` and `contact`; they answer with `respond()` and write through `db`,
 * the routing transaction, so their changes commit together with the replies.
 */
export class IncomingMessage {
  /** The text apps match against; the parse phase may clean it. */
  text: string;
  /** Replies and notices queued while routing; the outbox writes them when routing ends. */
  readonly queued: OutboundText[] = [];
  readonly errors: string[] = [];
  handledBy: { app: string; handler?: string } | null = null;
  /** The app whose hook is running: replies are attributed to it. */
  currentApp: string | null = null;
  private readonly annotations = new Map<string, unknown>();
  private readonly secretParts = new Set<string>();

  constructor(
    readonly record: Pick<MessageRecord, 'id' | 'text' | 'createdAt' | 'providerId'>,
    readonly connection: Connection,
    public contact: Contact | null,
    private readonly manager: EntityManager | null,
  ) {
    this.text = record.text;
  }

  get rawText(): string {
    return this.record.text;
  }

  get receivedAt(): Date {
    return this.record.createdAt;
  }

  /** The routing transaction. Handlers write through it, never around it. */
  get db(): EntityManager {
    if (!this.manager) throw new Error('This message has no database (handler.test() without { db }).');
    return this.manager;
  }

  /**
   * Queues a reply to the sender, rendered in their language when routing ends. A `kind` names
   * the app's `SendTimeText` when the text sent is made at send time (`text` is then what the
   * message log keeps); `secrets` (a PIN in the reply) are masked in the message log.
   */
  respond(text: Translatable, params: TextParams = {}, options?: string | SendOptions): void {
    this.notify({ connection: this.connection, contact: this.contact }, text, params, options);
  }

  /** Queues a message to someone else (a notice to other clinic workers, a help admin). */
  notify(to: LinkedConnection, text: Translatable, params: TextParams = {}, options?: string | SendOptions): void {
    this.queued.push(outboundText({ to, text, params, app: this.currentApp }, options));
  }

  /**
   * Marks a part of the inbound text as secret (a PIN, the PIN of a JOIN): the message log
   * keeps the text and its cleaned text with every occurrence of it masked (`••••`).
   */
  markSecret(value: string): void {
    const trimmed = value.trim();
    if (trimmed) this.secretParts.add(trimmed);
  }

  /** The parts marked secret so far. */
  get secrets(): readonly string[] {
    return [...this.secretParts];
  }

  /** Parse-phase apps leave findings here for the apps after them. */
  annotate(key: string, value: unknown): void {
    this.annotations.set(key, value);
  }

  annotation<T>(key: string): T | undefined {
    return this.annotations.get(key) as T | undefined;
  }
}
