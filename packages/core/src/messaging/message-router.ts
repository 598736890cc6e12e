import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { maskIdentity } from '../contacts/phone-number';
import { lazyTransaction } from '../database/prepared';
import { isDatabaseUnreachable } from '../database/unreachable';
import { AppRegistry, type RegisteredApp } from './app-registry';
import type { HandleResult } from './hooks';
import { IncomingMessage } from './incoming-message';
import type { InboundSms } from '../gateways/gateway-inbox';
import { InboundRepository, type StoredInbound } from '../message-log/inbound.repository';
import type { InboundStatus, MessageRecord } from '../message-log/message.entity';
import { OutboxWriter } from '../outbox/outbox.writer';
import { maskSecrets, pinShapedText, pinShapedWords } from '../message-log/masking';
import { MessageStore } from './message-store';

export interface RouteResult {
  /** True when the gateway had sent this provider id before: nothing was done. */
  readonly duplicate: boolean;
  readonly message?: MessageRecord;
  readonly replies: readonly MessageRecord[];
}

type HookName = 'filter' | 'parse' | 'handle' | 'default' | 'cleanup';

/**
 * The threadless router: one instance per process, no thread or process of its own. Each
 * inbound SMS is stored, then routed where it lands: the phases run over the apps inside
 * one transaction, and the replies are written with the message's final status.
 */
@Injectable()
export class MessageRouter {
  private readonly logger = new Logger('Router');
  /** Messages no keyword took whose four-digit words were masked as a guess: their exact text stays sealed. */
  private readonly guessed = new WeakSet<IncomingMessage>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MessageStore,
    private readonly inbox: InboundRepository,
    private readonly registry: AppRegistry,
    private readonly writer: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** Stores and routes one inbound SMS. */
  async receive(sms: InboundSms): Promise<RouteResult> {
    const stored = await this.store.storeInbound(sms);
    if (!stored) {
      this.logger.log(`duplicate ${sms.gateway} message ${sms.providerId ?? ''} dropped`);
      return { duplicate: true, replies: [] };
    }
    return this.route(stored);
  }

  /**
   * Runs the phases on a stored inbound message and writes its replies. Hooks run without
   * savepoints first (two round trips fewer per writing hook); should one throw, the
   * transaction is rolled back and the message routed again with each writing hook in a
   * savepoint, so only the failing app's writes are undone.
   */
  async route(stored: StoredInbound): Promise<RouteResult> {
    try {
      try {
        return await this.routeOnce(stored, false);
      } catch (error) {
        if (!(error instanceof HookFailed)) throw error;
        return await this.routeOnce(stored, true);
      }
    } catch (error) {
      // The database out of reach is no fault of the message: it stays as stored, to be routed again.
      if (isDatabaseUnreachable(error)) throw error;
      // The routing transaction itself failed: the message stays on record, marked errored.
      this.logger.error(`routing #${stored.record.id} failed: ${(error as Error).message}`, (error as Error).stack);
      await this.inbox.markErrored(stored.record.id, (error as Error).message, this.clock.now());
      return { duplicate: false, message: Object.assign(stored.record, { status: 'errored' as const }), replies: [] };
    }
  }

  private routeOnce(stored: StoredInbound, isolate: boolean): Promise<RouteResult> {
    const apps = this.registry.apps;
    // Begins only if a hook uses the database; else the replies, their jobs and the status are one statement.
    return lazyTransaction(this.dataSource, async (db) => {
      const msg = new IncomingMessage(stored.record, stored.connection, stored.contact, db);
      const status = await this.runPhases(msg, apps, isolate ? 'isolated' : 'optimistic');
      const error = msg.errors.length > 0 ? msg.errors.join('\n') : null;
      // What a handler marked secret (a PIN), and a whole text of a PIN's shape whoever handled it
      // (a PIN sent after HELP, or to no app), are kept masked, in the text as received and as cleaned.
      const secrets = [...msg.secrets, ...pinShapedText(stored.record.text), ...pinShapedText(msg.text)];
      const text = maskSecrets(stored.record.text, secrets);
      const original = stored.record.original === null ? null : maskSecrets(stored.record.original, secrets);
      const replies = await this.writer.write(db, msg.queued, {
        inResponseToId: stored.record.id,
        priority: 'reply',
        inbound: {
          id: stored.record.id,
          status,
          // Always written back: the row shows `UNROUTED_TEXT` and keeps the text sealed until now.
          // Where four digits were masked only because they might be a PIN (no keyword took the
          // text), the exact text stays sealed, for whoever holds the key: nothing sent is lost.
          text,
          original,
          keepSealed: this.guessed.has(msg),
          cleanedText: maskSecrets(msg.text, secrets),
          contactId: msg.contact?.id ?? stored.record.contactId,
          handledBy: msg.handledBy?.app ?? null,
          handler: msg.handledBy?.handler ?? null,
          error,
        },
      });
      this.logger.log(
        `in #${stored.record.id} from ${maskIdentity(stored.connection.identity)}: ${status}` +
          `${msg.handledBy ? ` by ${msg.handledBy.handler ?? msg.handledBy.app}` : ''}, ${replies.length} repl${replies.length === 1 ? 'y' : 'ies'}`,
      );
      return { duplicate: false, message: Object.assign(stored.record, { status, error, text }), replies };
    });
  }

  /**
   * The phases alone, on a message in memory: nothing stored, replies left queued on the
   * message. What `route()` runs inside its transaction; benchmarks use it to see what the
   * database costs.
   */
  process(msg: IncomingMessage): Promise<InboundStatus> {
    return this.runPhases(msg, this.registry.apps, 'memory');
  }

  private async runPhases(
    msg: IncomingMessage,
    apps: readonly RegisteredApp[],
    mode: HookMode,
  ): Promise<InboundStatus> {
    for (const app of apps) {
      if (app.hooks.filter && (await this.hook(app, 'filter', msg, mode)) === 'stop') {
        msg.handledBy = { app: app.name, handler: 'filter' };
        return msg.errors.length > 0 ? 'errored' : 'handled';
      }
    }
    for (const app of apps) if (app.hooks.parse) await this.hook(app, 'parse', msg, mode);
    let handled = await this.firstToHandle('handle', msg, apps, mode);
    if (!handled) {
      // No keyword took it: a mistyped JOIN (`JION 403012 Mary 8765`) or "my pin is 8765" may
      // hold a PIN, so its four-digit words are kept masked in the message log.
      const guessed = [msg.rawText, msg.text].flatMap((text) => pinShapedWords(text).could);
      for (const word of guessed) msg.markSecret(word);
      if (guessed.length > 0) this.guessed.add(msg);
      handled = await this.firstToHandle('default', msg, apps, mode);
    }
    for (const app of apps) if (app.hooks.cleanup) await this.hook(app, 'cleanup', msg, mode);
    if (msg.errors.length > 0) return 'errored';
    return handled ? 'handled' : 'unhandled';
  }

  private async firstToHandle(
    phase: 'handle' | 'default',
    msg: IncomingMessage,
    apps: readonly RegisteredApp[],
    mode: HookMode,
  ): Promise<boolean> {
    for (const app of apps) {
      if (!app.hooks[phase]) continue;
      if ((await this.hook(app, phase, msg, mode)) === 'handled') {
        msg.handledBy ??= { app: app.name };
        return true;
      }
    }
    return false;
  }

  /**
   * One app's hook. A hook that throws is logged and recorded on the message and the other
   * apps go on, with its writes undone: 'isolated' runs each writing hook in a savepoint;
   * 'optimistic' has none, so a writing hook that throws aborts the attempt (HookFailed).
   */
  private async hook(app: RegisteredApp, name: HookName, msg: IncomingMessage, mode: HookMode): Promise<unknown> {
    const writes = app.options.writes !== false;
    const runner = mode === 'isolated' && writes ? msg.db.queryRunner : undefined;
    const savepoint = `hook_${name}`;
    msg.currentApp = app.name;
    if (runner) await runner.query(`SAVEPOINT ${savepoint}`);
    try {
      const result: unknown = await (app.hooks[name] as (m: IncomingMessage) => unknown).call(app.hooks, msg);
      if (runner) await runner.query(`RELEASE SAVEPOINT ${savepoint}`);
      return result as HandleResult;
    } catch (error) {
      if (mode === 'optimistic' && writes) throw new HookFailed(app.name, name, error as Error);
      if (runner) await runner.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      const text = `${app.name}.${name}: ${(error as Error).message}`;
      this.logger.error(`#${msg.record.id} ${text}`, (error as Error).stack);
      msg.errors.push(text);
      return 'continue';
    } finally {
      msg.currentApp = null;
    }
  }
}

/** How hooks run: in the routing transaction with or without savepoints, or on a message in memory. */
type HookMode = 'isolated' | 'optimistic' | 'memory';

/** A writing hook threw with no savepoint to roll back to: the attempt is abandoned and routed again, isolated. */
class HookFailed extends Error {
  constructor(app: string, hook: HookName, cause: Error) {
    super(`${app}.${hook}: ${cause.message}`, { cause });
  }
}
