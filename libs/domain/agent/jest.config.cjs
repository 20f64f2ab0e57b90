module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-agent',
  rootDir: __dirname,
};
