/** Unit and integration tests (jest + swc). Browser e2e lives in e2e/ and runs from scripts/test.ts. */
const swc = ['@swc/jest', { jsc: { target: 'es2021', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }];
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(mingo|bson|jose)/)'],
  testMatch: ['<rootDir>/{packages,cloudfunctions,scripts}/**/*.test.ts', '<rootDir>/{miniprogram,merchant-miniprogram,admin-web}/test/**/*.test.{ts,tsx}'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30000,
};
