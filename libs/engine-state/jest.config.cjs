module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'engine-state',
  rootDir: __dirname,
};
