import { Controller, Get, Header } from '@nestjs/common';
import { countryConfig, httpConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import { GatewayRegistry } from '../gateways/gateway.registry';
import { gatewayOperations } from './gateway-operations';
import { openApiDocument } from './openapi';
import { OpenApiRegistry } from './openapi-registry';

/** The API's description, public: it holds no data, and tools fetch it before they log in. */
@Controller('api')
export class OpenApiController {
  private document: Record<string, unknown> | null = null;

  constructor(
    private readonly config: MwanaConfig,
    private readonly registry: OpenApiRegistry,
    private readonly gateways: GatewayRegistry,
  ) {}

  /** Built on the first request, when every module has described its routes. */
  describe(): Record<string, unknown> {
    this.document ??= openApiDocument({
      title: `Mwana ${this.config.section(countryConfig).name} API`,
      serverUrl: this.config.section(httpConfig).publicUrl,
      operations: [...this.registry.all(), ...gatewayOperations(this.gateways.all())],
      securitySchemes: this.registry.securitySchemes(),
    });
    return this.document;
  }

  @Get('openapi.json')
  @Header('cache-control', 'public, max-age=300')
  get(): Record<string, unknown> {
    return this.describe();
  }
}
