// One jest setup for every package: @swc/jest transforms TypeScript (decorators and their
// metadata included) in a few milliseconds a file, with no type check: `lint` does that.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
  // Hooks start apps: their bound is STARTUP_TIMEOUT_MS (packages/core/src/testing/timeouts.ts),
  // not jest's 5 s, which a busy machine outruns.
  setupFilesAfterEnv: [require('node:path').join(__dirname, 'packages/core/src/testing/jest.setup.ts')],
};
