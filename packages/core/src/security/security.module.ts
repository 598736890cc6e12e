import { Global, Module } from '@nestjs/common';
import { ApiTokensService } from './api-tokens.service';
import { AuthRateLimiter } from './auth-rate-limiter';
import { Lockouts } from './lockout';

/** Counted secret checks (`Lockouts`) and the authentication routes' rate limit (`AuthRateLimiter`), API tokens (`ApiTokensService`), for every module. */
@Global()
@Module({
  providers: [Lockouts, AuthRateLimiter, ApiTokensService],
  exports: [Lockouts, AuthRateLimiter, ApiTokensService],
})
export class SecurityModule {}
