module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-planning',
  rootDir: __dirname,
};
