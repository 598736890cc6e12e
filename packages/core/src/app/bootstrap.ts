import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { httpConfig } from '../config/core.config';
import type { MwanaConfig } from '../config/mwana-config';
import { logConfig, PinoLoggerService } from '../logging/pino-logger';
import type { CountryDefinition } from './country';

/**
 * The HTTP server every Mwana process (and every test harness) runs on: behind a proxy's
 * X-Forwarded headers, and taking bodies up to 10 MB (a lab's upload of 10,000 samples is 2 MB).
 */
export function mwanaHttpAdapter(): FastifyAdapter {
  return new FastifyAdapter({ trustProxy: true, bodyLimit: 10 * 1024 * 1024 });
}

/** The country's Nest application on Fastify, initialised (migrations run) but not listening. */
export async function createCountryApp(
  country: CountryDefinition,
  config: MwanaConfig,
  options: { logger?: PinoLoggerService } = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? new PinoLoggerService(config.section(logConfig).level);
  const app = await NestFactory.create<NestFastifyApplication>(country.appModule(config), mwanaHttpAdapter(), {
    logger,
    bufferLogs: true,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}

/** Creates the app and listens on the configured host and port; returns the base URL. */
export async function listen(app: NestFastifyApplication, config: MwanaConfig): Promise<string> {
  const http = config.section(httpConfig);
  await app.listen(http.port, http.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : http.port;
  const host = http.host === '0.0.0.0' || http.host === '::' ? 'localhost' : http.host;
  return `http://${host}:${port}`;
}
