import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { httpConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { poolOf } from '../database/prepared';
import { postgresRateLimitStore } from './rate-limit.store';

/** The budgets of `http.rateLimit`: routes that take a password, requests that bring an API token. */
export type RateLimitBudget = 'passwords' | 'tokens' | 'perToken';

/** The request a route counts (Fastify's; a route written against Fastify directly passes its own). */
export type RateLimitedRequest = FastifyRequest;

export type Admission = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

type Limiter = (
  request: FastifyRequest,
) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

/**
 * The per-address rate limit of every authentication route, by `@fastify/rate-limit` with
 * its counts in PostgreSQL (`postgresRateLimitStore`), so two api processes share one
 * budget. Each route names its group (its own count) and budget; it calls `admit` before it
 * looks at any credential and answers a refusal with 429 and Retry-After in its own shape.
 * The client address is the peer's, or the one a trusted proxy (`http.trustProxy`) gave.
 *
 * @example
 * const admission = await limiter.admit(request, 'lab-upload', 'passwords');
 * if (!admission.allowed) return reply.code(429).header('retry-after', String(admission.retryAfterSeconds)).send(...);
 */
@Injectable()
export class AuthRateLimiter implements OnModuleInit {
  private readonly limiters = new Map<string, Limiter>();
  private readonly keys = new WeakMap<object, string>();
  private fastify: FastifyInstance | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly dataSource: DataSource,
    private readonly config: MwanaConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    // Workers and command-line runs have no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    if (!fastify.hasDecorator('createRateLimit')) {
      await fastify.register(rateLimit, { global: false, store: postgresRateLimitStore(poolOf(this.dataSource)) });
    }
    this.fastify = fastify;
  }

  /** Counts this request against its address's (or `key`'s) budget for `group`; says whether it may go on. */
  async admit(request: RateLimitedRequest, group: string, budget: RateLimitBudget, key?: string): Promise<Admission> {
    // `key` counts by something other than the address (an API token's name).
    if (key !== undefined) this.keys.set(request, key);
    const result = await this.limiter(group, budget)(request);
    if (result.isAllowed || !result.isExceeded) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, result.ttlInSeconds ?? 1) };
  }

  private limiter(group: string, budget: RateLimitBudget): Limiter {
    const name = `${group}:${budget}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      if (!this.fastify) throw new Error('AuthRateLimiter.admit() needs the HTTP server (none in this process).');
      const { max, windowSeconds } = this.config.section(httpConfig).rateLimit[budget];
      limiter = this.fastify.createRateLimit({
        max,
        timeWindow: windowSeconds * 1000,
        keyGenerator: (request) => `${group}:${this.keys.get(request) ?? normalizeIP(request.ip)}`,
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }
}
