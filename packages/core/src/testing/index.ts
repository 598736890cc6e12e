export * from './test-database';
export * from './country-app';
