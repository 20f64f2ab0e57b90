module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-context',
  rootDir: __dirname,
};
