/** Browser end-to-end tests: real builds served by a real local cloud, driven in Debian's Chromium. */
const base = require('../jest.config.js');
module.exports = {
  ...base,
  rootDir: '..',
  testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
  testTimeout: 120000,
};
