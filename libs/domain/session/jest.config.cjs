module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-session',
  rootDir: __dirname,
};
