module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'agent-runtime-process',
  rootDir: __dirname,
};
