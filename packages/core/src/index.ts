export * from './config/config-section';
export * from './config/config-loader';
export { ConfigFileError, displayPath } from './config/config-layers';
export { formatConfig, MASK } from './config/config-print';
export * from './config/core.config';
export * from './config/environment';
export * from './config/mwana-config';
export { MwanaConfigModule } from './config/config.module';
export * from './database/database.config';
export { DatabaseModule } from './database/database.module';
export * from './database/data-source.options';
export * from './database/migrations';
export { closeEmbedded } from './database/embedded-driver';
export { buildEmbeddedTemplate } from './database/embedded-template';
export * from './health/health.service';
export { HealthModule } from './health/health.module';
export * from './logging/pino-logger';
export * from './app/country';
export * from './app/define-country';
export * from './app/mwana-app';
export * from './app/bootstrap';
export * from './app/cli';
export * from './cli/operator-command';
export * from './app/core.module';
export { coreMigrations } from './migrations';
export * from './clock/clock';
export * from './clock/rehearsal';
export * from './contacts';
export * from './messaging/decorators';
export * from './messaging/handler-base';
export * from './messaging/hooks';
export * from './messaging/incoming-message';
export * from './messaging/message-router';
export * from './messaging/message-store';
export * from './messaging/router.config';
export * from './messaging/sms-reply.error';
export * from './messaging/inbound.service';
export * from './messaging/inbox.worker';
export { keywordPattern, matchKeyword } from './messaging/keyword-matcher';
export { textConfig } from './apps/string-cleaning.app';
export * from './message-log/message.entity';
export type { StoredInbound } from './message-log/inbound.repository';
export type { InboundOutcome } from './message-log/outbound.repository';
export { MessageStatuses, type StatusCounts } from './message-log/message-statuses.repository';
export { MessageActivity } from './message-log/message-activity.repository';
export * from './outbox/outbound-text';
export * from './outbox/outbox-transitions';
export * from './outbox/outbox.writer';
export * from './outbox/outbox.sender';
export * from './outbox/outbox.worker';
export * from './outbox/delivery-reports.service';
export * from './outbox/send-time-text';
export * from './outbox/sealed-text';
export * from './message-log/masking';
export { OUTBOUND_QUEUE, QUEUE_SCHEMA } from './outbox/outbound-queue';
export * from './text';
export * from './i18n';
export * from './console';
export { TesterModule } from './tester/tester.module';
export * from './tester/demo-seed';
export { ApiModule } from './api/api.module';
export {
  ApiInputError,
  IDEMPOTENCY_KEY,
  idempotencyKeyHeaders,
  idempotent,
  type IdempotentRequest,
} from './api/idempotency';
export { parsed } from './api/messages-api.controller';
export { describeIssues, errorBody } from './api/message-schemas';
export { clientOf, identityOf } from './console/console-auth';
export {
  OpenApiRegistry,
  OpenApiRegistryModule,
  type ApiOperation,
  type ApiResponse,
  type HttpMethod,
} from './api/openapi-registry';
export * from './gateways/gateway';
export * from './gateways/gateway-inbox';
export * from './gateways/gateway-webhooks';
export * from './gateways/gateway.registry';
export * from './gateways/gateways.config';
export { GatewaysModule } from './gateways/gateways.module';
export * from './scheduling/scheduled-job';
export * from './scheduling/scheduler.config';
export * from './scheduling/scheduler.service';
export * from './security/secrets';
export * from './security/lockout';
export {
  AuthRateLimiter,
  type Admission,
  type RateLimitBudget,
  type RateLimitedRequest,
} from './security/auth-rate-limiter';
export { postgresRateLimitStore } from './security/rate-limit.store';
export { alwaysSecure, mwanaHttpAdapter } from './security/http-security';
