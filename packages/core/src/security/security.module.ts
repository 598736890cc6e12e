import { Global, Module } from '@nestjs/common';
import { AuthRateLimiter } from './auth-rate-limiter';
import { Lockouts } from './lockout';

/** Counted secret checks (`Lockouts`) and the authentication routes' rate limit (`AuthRateLimiter`), for every module. */
@Global()
@Module({
  providers: [Lockouts, AuthRateLimiter],
  exports: [Lockouts, AuthRateLimiter],
})
export class SecurityModule {}
