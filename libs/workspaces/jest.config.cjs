module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'workspaces',
  rootDir: __dirname,
};
