import { mkdir, open, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import { Clock } from '../clock/clock';
import { MwanaConfig } from '../config/mwana-config';
import { isDatabaseUnreachable } from '../database/unreachable';
import type { InboundSms } from '../gateways/gateway-inbox';
import { type GatewaysSettings, gatewaysConfig } from '../gateways/gateways.config';
import { SpoolStatus } from '../health/spool-status';

/** One spooled SMS: what the gateway gave, and when it came in. */
export interface SpooledSms extends InboundSms {
  /** ISO time it came in (the message's created_at once stored). */
  readonly at: string;
}

/** What stores a spooled SMS when the database is back (`InboundService`). */
export type SpoolStore = (sms: SpooledSms) => Promise<unknown>;

/**
 * Inbound SMS that came while the database was out of reach: each is appended to a local file
 * (`backends.spool.path`, from the country package, so `countries/<c>/.data/` by default; one
 * JSON line each, fsync'd before the gateway is answered) and answered as accepted; every
 * `replayMs` the process tries to store them, in the order they came, each once (a provider id already stored is dropped, as a gateway's resend is). While
 * the spool holds anything, new SMS go behind it, so the order holds; past `maxMessages` or
 * `maxBytes` a new one is refused with a 503 (the gateway keeps it and sends it again). How
 * far a replay got is kept beside the file (`<path>.done`), so a process that dies mid-replay
 * goes on from there. JSON keeps any text losslessly (NUL, lone surrogates as escapes).
 */
@Injectable()
export class InboundSpool extends SpoolStatus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InboundSpool');
  private readonly settings: GatewaysSettings['spool'];
  readonly path: string;
  private handle: FileHandle | null = null;
  /** Lines in the file, and how many of them are stored. */
  private lines = 0;
  private done = 0;
  private bytes = 0;
  /** Appends, reads and the final truncation, one at a time. */
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private replaying: Promise<void> | null = null;
  private store: SpoolStore | null = null;
  private closed = false;

  constructor(
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    super();
    this.settings = config.section(gatewaysConfig).spool;
    // Relative to the country package (as the embedded database's folder): two countries on one machine never share one.
    this.path = resolve(config.countryDir, this.settings.path);
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  spoolStatus(): { pending: number; path: string } | null {
    return this.enabled ? { pending: this.pending, path: this.path } : null;
  }

  /** SMS in the spool not yet stored. */
  get pending(): number {
    return this.lines - this.done;
  }

  /** Who stores the spooled SMS (the inbound service, at its construction). */
  storeWith(store: SpoolStore): void {
    this.store = store;
  }

  /** A spool left by an earlier run (the database was down when it stopped) is replayed now. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    const content = await readFile(this.path, 'utf8').catch(() => '');
    this.lines = content.split('\n').filter((line) => line.length > 0).length;
    this.bytes = Buffer.byteLength(content);
    this.done = Math.min(this.lines, Number((await readFile(`${this.path}.done`, 'utf8').catch(() => '0')) || 0));
    if (this.pending > 0) {
      this.logger.warn(`${this.pending} spooled inbound SMS from an earlier run: storing them`);
      this.schedule(0);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.replaying;
    await this.locked(async () => {
      await this.handle?.close();
      this.handle = null;
    });
  }

  /** Appends the SMS (fsync'd) and answers once it is on disk; a 503 when the spool is full. */
  append(sms: InboundSms): Promise<void> {
    return this.locked(async () => {
      const line = `${JSON.stringify({ ...sms, at: this.clock.now().toISOString() } satisfies SpooledSms)}\n`;
      const size = Buffer.byteLength(line);
      if (this.pending >= this.settings.maxMessages || this.bytes + size > this.settings.maxBytes)
        throw new ServiceUnavailableException(
          `The database is out of reach and the inbound spool is full (${this.pending} SMS): send again later`,
        );
      if (!this.handle) {
        await mkdir(dirname(this.path), { recursive: true });
        this.handle = await open(this.path, 'a');
      }
      await this.handle.write(line);
      await this.handle.datasync();
      this.lines++;
      this.bytes += size;
      if (this.lines - this.done === 1) this.logger.warn(`database out of reach: spooling inbound SMS to ${this.path}`);
      this.schedule(this.settings.replayMs);
    });
  }

  /** Stores what is spooled, in order, now (tests, and the timer); resolves when the spool is empty or the database still out of reach. */
  replay(): Promise<void> {
    this.replaying ??= this.drain().finally(() => (this.replaying = null));
    return this.replaying;
  }

  private async drain(): Promise<void> {
    if (!this.store) return;
    for (;;) {
      const batch = await this.locked(() => this.unstored());
      if (batch.length === 0) return;
      for (const line of batch) {
        try {
          await this.store(JSON.parse(line) as SpooledSms);
        } catch (error) {
          if (isDatabaseUnreachable(error)) {
            this.schedule(this.settings.replayMs);
            return;
          }
          // Refused for what it is, not for the outage: kept aside with the reason, never dropped.
          await writeFile(`${this.path}.refused`, `${JSON.stringify({ line, error: String(error) })}\n`, { flag: 'a' });
          this.logger.error(
            `a spooled inbound SMS was refused: ${(error as Error).message} (kept in ${this.path}.refused)`,
            (error as Error).stack,
          );
        }
        this.done++;
        // A process crash keeps what is written (the page cache); a repeat is dropped by its provider id.
        await writeFile(`${this.path}.done`, String(this.done));
      }
    }
  }

  /** The lines not yet stored; once all are, the file is emptied (under the lock, so no append is lost). */
  private async unstored(): Promise<string[]> {
    if (this.pending === 0) {
      if (this.lines > 0) {
        await this.handle?.close();
        this.handle = null;
        await rm(this.path, { force: true });
        await rm(`${this.path}.done`, { force: true });
        this.logger.log(`the database is back: ${this.lines} spooled inbound SMS stored`);
        this.lines = this.done = this.bytes = 0;
      }
      return [];
    }
    const content = await readFile(this.path, 'utf8');
    return content
      .split('\n')
      .filter((line) => line.length > 0)
      .slice(this.done, this.lines);
  }

  private schedule(ms: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.replay();
    }, ms);
    this.timer.unref();
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
