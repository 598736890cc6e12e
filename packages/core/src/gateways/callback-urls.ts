import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { httpConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';

/**
 * The base URL gateways call back (Kannel's dlr-url, Twilio's StatusCallback, and the URL
 * Twilio signs). Behind a proxy it must be the public one: a gateway's own option first,
 * then `http.publicUrl`.
 */
@Injectable()
export class CallbackUrls {
  private readonly publicUrl: string | undefined;
  private readonly host: string;
  private readonly port: number;

  constructor(
    config: MwanaConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    const http = config.section(httpConfig);
    this.publicUrl = http.publicUrl;
    this.host = http.host;
    this.port = http.port;
  }

  /** The configured public base (the gateway's option, else `http.publicUrl`), without a trailing slash. */
  configured(option: string | undefined): string | null {
    const base = option ?? this.publicUrl;
    return base ? base.replace(/\/+$/, '') : null;
  }

  /**
   * The base for callbacks: the configured one, else where this process listens (a Kannel
   * on the same host or network reaches it), else `http.host` and `http.port` (a worker
   * process that serves no HTTP itself sends for the API process beside it).
   */
  base(option: string | undefined): string {
    const configured = this.configured(option);
    if (configured) return configured;
    const listening = this.listeningAddress();
    const host = listening?.address ?? this.host;
    const port = listening?.port ?? this.port;
    const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
  }

  private listeningAddress(): AddressInfo | null {
    // No HTTP adapter in a process built without one (a CLI, a test module): use the config.
    const server: unknown = this.adapterHost.httpAdapter?.getHttpServer?.();
    if (typeof server !== 'object' || server === null || !('address' in server) || typeof server.address !== 'function')
      return null;
    const address: unknown = (server.address as () => unknown).call(server);
    return typeof address === 'object' && address !== null && 'port' in address ? (address as AddressInfo) : null;
  }
}
