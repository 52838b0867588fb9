/**
 * One jest run for the whole suite. Temporal and PostgreSQL are real (see test/support): the
 * global setup provisions them once; suites run in band on the 2-core machine.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } }, module: { type: 'commonjs' } }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
  // Unit tests first: a broken rule fails fast before the slow suites start servers.
  testSequencer: '<rootDir>/test/support/sequencer.js',
};
