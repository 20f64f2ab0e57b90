const preset = require('../../../jest.preset.js');
const sdk = require('./jest.sdk.cjs');

module.exports = {
  ...preset,
  displayName: 'agent-runtime-opencode',
  rootDir: __dirname,
  moduleNameMapper: { ...preset.moduleNameMapper, ...sdk.moduleNameMapper },
  transform: { ...preset.transform, ...sdk.transform },
  transformIgnorePatterns: sdk.transformIgnorePatterns,
};
