import { Controller, Get, Header } from '@nestjs/common';
import { countryConfig, httpConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { openApiDocument } from './openapi';

/** The API's description, public: it holds no data, and tools fetch it before they log in. */
@Controller('api')
export class OpenApiController {
  private readonly document: Record<string, unknown>;

  constructor(config: MwanaConfig) {
    this.document = openApiDocument({
      title: `Mwana ${config.section(countryConfig).name} API`,
      serverUrl: config.section(httpConfig).publicUrl,
    });
  }

  @Get('openapi.json')
  @Header('cache-control', 'public, max-age=300')
  describe(): Record<string, unknown> {
    return this.document;
  }
}
