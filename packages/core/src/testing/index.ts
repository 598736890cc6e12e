export * from './test-database';
export * from './country-app';
export * from './harness';
export * from './conversation';
export * from './script-parser';
export * from './builders';
export * from './echo.app';
export * from './country-health';
export { ConsoleClient, csrfOf } from '../console/console-client.testing';
