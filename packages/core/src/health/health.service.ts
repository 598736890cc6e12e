import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MwanaConfig } from '../config/mwana-config';
import { databaseConfig } from '../database/database.config';
import { isEmbedded } from '../database/data-source.options';
import { pendingMigrations } from '../database/migrations';

export const APP_VERSION = Symbol('APP_VERSION');

export interface HealthReport {
  status: 'ok' | 'unavailable';
  country: string;
  environment: string;
  role: string;
  version: string;
  database: { reachable: boolean; engine: 'postgresql' | 'embedded'; latencyMs?: number; error?: string };
  migrations: { current: boolean; pending: string[] };
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: MwanaConfig,
    @Inject(APP_VERSION) private readonly version: string,
  ) {}

  async report(): Promise<HealthReport> {
    const engine = isEmbedded(this.config.section(databaseConfig)) ? 'embedded' : 'postgresql';
    const base = {
      country: this.config.country,
      environment: this.config.env,
      role: this.config.role,
      version: this.version,
    };
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      const pending = await pendingMigrations(this.dataSource);
      return {
        status: pending.length === 0 ? 'ok' : 'unavailable',
        ...base,
        database: { reachable: true, engine, latencyMs },
        migrations: { current: pending.length === 0, pending },
      };
    } catch (error) {
      return {
        status: 'unavailable',
        ...base,
        database: { reachable: false, engine, error: (error as Error).message },
        migrations: { current: false, pending: [] },
      };
    }
  }
}
