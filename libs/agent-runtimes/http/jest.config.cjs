module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'agent-runtime-http',
  rootDir: __dirname,
};
