module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-access',
  rootDir: __dirname,
};
