import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MwanaConfig } from '../config/mwana-config';
import { databaseConfig } from '../database/database.config';
import { isEmbedded } from '../database/data-source.options';
import { pendingMigrations } from '../database/migrations';
import { SpoolStatus } from './spool-status';

export const APP_VERSION = Symbol('APP_VERSION');

export interface HealthReport {
  /** degraded: the database is out of reach or SMS wait in the inbound spool, but inbound SMS are still taken (spooled). */
  status: 'ok' | 'degraded' | 'unavailable';
  country: string;
  environment: string;
  role: string;
  version: string;
  database: { reachable: boolean; engine: 'postgresql' | 'embedded'; latencyMs?: number; error?: string };
  migrations: { current: boolean; pending: string[] };
  /** Inbound SMS kept in the local spool while the database was out of reach, not yet stored. */
  spool?: { pending: number; path: string };
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: MwanaConfig,
    @Inject(APP_VERSION) private readonly version: string,
    @Optional() private readonly spool?: SpoolStatus,
  ) {}

  async report(): Promise<HealthReport> {
    const engine = isEmbedded(this.config.section(databaseConfig)) ? 'embedded' : 'postgresql';
    const spooling = this.spool?.spoolStatus() ?? null;
    const base = {
      country: this.config.country,
      environment: this.config.env,
      role: this.config.role,
      version: this.version,
      ...(spooling ? { spool: spooling } : {}),
    };
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      const pending = await pendingMigrations(this.dataSource);
      return {
        status: pending.length > 0 ? 'unavailable' : spooling && spooling.pending > 0 ? 'degraded' : 'ok',
        ...base,
        database: { reachable: true, engine, latencyMs },
        migrations: { current: pending.length === 0, pending },
      };
    } catch (error) {
      return {
        // Inbound SMS are still taken (spooled): the process stays in service.
        status: spooling ? 'degraded' : 'unavailable',
        ...base,
        database: { reachable: false, engine, error: (error as Error).message },
        migrations: { current: false, pending: [] },
      };
    }
  }
}
