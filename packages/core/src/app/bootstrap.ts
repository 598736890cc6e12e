import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { httpConfig } from '../config/core.config';
import type { MwanaConfig } from '../config/mwana-config';
import { logConfig, PinoLoggerService } from '../logging/pino-logger';
import { mwanaHttpAdapter } from '../security/http-security';
import type { CountryDefinition } from './country';

/** The country's Nest application on Fastify, initialised (migrations run) but not listening. */
export async function createCountryApp(
  country: CountryDefinition,
  config: MwanaConfig,
  options: { logger?: PinoLoggerService } = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? new PinoLoggerService(config.section(logConfig).level);
  const app = await NestFactory.create<NestFastifyApplication>(
    country.appModule(config),
    mwanaHttpAdapter(config.section(httpConfig)),
    {
      logger,
      bufferLogs: true,
      abortOnError: false,
    },
  );
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
