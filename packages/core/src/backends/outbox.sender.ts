import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { MwanaConfig } from '../config/mwana-config';
import { maskIdentity } from '../contacts/phone-number';
import { BackendSendError, BackendTypeMeta, type SmsBackendAdapter } from './backend';
import { type BackendsSettings, backendsConfig } from './backends.config';

interface Claimed {
  id: string;
  text: string;
  encoding: 'GSM-7' | 'UCS-2' | null;
  attempts: number;
  backend: string;
  identity: string;
}

interface Gateway {
  readonly adapter: SmsBackendAdapter;
  readonly options: unknown;
  /** When the next message may go, for the per-backend rate limit. */
  nextSlot: number;
}

/**
 * Sends what the outbox holds: claims due messages (replies before bulk, then oldest) with
 * SKIP LOCKED and a lease, sends each through its backend at the backend's rate, and
 * records the outcome: sent (or delivered), retrying with exponential backoff, or failed
 * with the reason. A message whose sender died mid-send is claimed again when its lease
 * ends: delivery is at least once.
 */
@Injectable()
export class OutboxSender implements OnApplicationBootstrap {
  private readonly logger = new Logger('Sender');
  private readonly settings: BackendsSettings;
  private readonly gateways = new Map<string, Gateway>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly clock: Clock,
    config: MwanaConfig,
  ) {
    this.settings = config.section(backendsConfig);
  }

  /** Checks every configured gateway against its type's options: a bad one stops the boot. */
  onApplicationBootstrap(): void {
    const adapters = new Map<string, SmsBackendAdapter>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: BackendTypeMeta.KEY })) {
      adapters.set(this.discovery.getMetadataByDecorator(BackendTypeMeta, wrapper) as string, wrapper.instance as SmsBackendAdapter);
    }
    const problems: string[] = [];
    for (const [name, { type, ...options }] of Object.entries(this.settings.gateways)) {
      const adapter = adapters.get(type);
      if (!adapter) {
        problems.push(`backends.gateways.${name}.type: no gateway type "${type}" (installed: ${[...adapters.keys()].join(', ')})`);
        continue;
      }
      const parsed = adapter.options.safeParse(options);
      if (!parsed.success) {
        problems.push(...parsed.error.issues.map((i) => `backends.gateways.${name}.${i.path.join('.')}: ${i.message}`));
        continue;
      }
      this.gateways.set(name, { adapter, options: parsed.data, nextSlot: 0 });
    }
    if (problems.length > 0) throw new Error(`Gateway configuration is invalid:\n  - ${problems.join('\n  - ')}`);
  }

  /** Sends every message due now (up to `limit`); returns how many it tried. */
  async sendDue(limit = 100): Promise<number> {
    const claimed = await this.claim(limit);
    for (const message of claimed) await this.sendOne(message);
    return claimed.length;
  }

  private async claim(limit: number): Promise<Claimed[]> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.settings.leaseSeconds * 1000);
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Claimed[], number] = await this.dataSource.query(
      `UPDATE message m SET status = 'sending', attempts = m.attempts + 1, lease_until = $2, updated_at = $1
        FROM connection c
       WHERE c.id = m.connection_id AND m.id IN (
         SELECT id FROM message
          WHERE direction = 'out'
            AND ((status IN ('queued', 'retrying') AND coalesce(next_attempt_at, created_at) <= $1)
              OR (status = 'sending' AND lease_until < $1))
          ORDER BY (priority = 'reply') DESC, id
          LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING m.id::text AS id, m.text, m.encoding, m.attempts, m.backend, c.identity`,
      [now, lease, limit],
    );
    return rows.sort((a, b) => Number(a.id) - Number(b.id));
  }

  private async sendOne(message: Claimed): Promise<void> {
    const gateway = this.gateways.get(message.backend);
    if (!gateway) {
      await this.finish(message, { status: 'failed', error: `no backend named "${message.backend}" is configured` });
      return;
    }
    await this.waitForSlot(gateway);
    try {
      const outcome = await gateway.adapter.send(
        { id: message.id, to: message.identity, text: message.text, encoding: message.encoding ?? 'GSM-7' },
        gateway.options,
        message.backend,
      );
      await this.finish(message, { status: outcome.delivered ? 'delivered' : 'sent', providerId: outcome.providerId });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof BackendSendError) || error.retryable;
      if (retryable && message.attempts < this.settings.maxAttempts) {
        const delay = this.settings.retryBaseSeconds * 1000 * 2 ** (message.attempts - 1);
        await this.finish(message, { status: 'retrying', error: reason, nextAttemptAt: new Date(this.clock.now().getTime() + delay) });
      } else {
        await this.finish(message, { status: 'failed', error: retryable ? `${reason} (after ${message.attempts} attempts)` : reason });
      }
    }
  }

  private async finish(
    message: Claimed,
    outcome: { status: 'sent' | 'delivered' | 'retrying' | 'failed'; providerId?: string | null; error?: string; nextAttemptAt?: Date },
  ): Promise<void> {
    const now = this.clock.now();
    // Only while still ours: a delivery report may have moved it on already.
    await this.dataSource.query(
      `UPDATE message SET status = $2::varchar, provider_id = coalesce($3, provider_id), error = $4, next_attempt_at = $5,
              lease_until = NULL, updated_at = $6,
              sent_at = CASE WHEN $2::varchar IN ('sent', 'delivered') THEN $6 ELSE sent_at END,
              delivered_at = CASE WHEN $2::varchar = 'delivered' THEN $6 ELSE delivered_at END,
              failed_at = CASE WHEN $2::varchar = 'failed' THEN $6 ELSE failed_at END
        WHERE id = $1 AND status = 'sending'`,
      [message.id, outcome.status, outcome.providerId ?? null, outcome.error ?? null, outcome.nextAttemptAt ?? null, now],
    );
    const line = `out #${message.id} to ${maskIdentity(message.identity)} via ${message.backend}: ${outcome.status}`;
    if (outcome.status === 'failed' || outcome.status === 'retrying') this.logger.warn(`${line} (${outcome.error})`);
    else this.logger.log(line);
  }

  private async waitForSlot(gateway: Gateway): Promise<void> {
    const now = Date.now();
    const wait = gateway.nextSlot - now;
    gateway.nextSlot = Math.max(now, gateway.nextSlot) + 1000 / this.settings.rateLimit;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
