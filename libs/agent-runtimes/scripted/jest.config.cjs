module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'agent-runtime-scripted',
  rootDir: __dirname,
};
