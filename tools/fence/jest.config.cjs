module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'lint-fence',
  rootDir: __dirname,
  testTimeout: 120_000,
};
