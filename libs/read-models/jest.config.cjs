module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'read-models',
  rootDir: __dirname,
  // Integration specs wait on a shared PostgreSQL server whose xmin horizon other suites may hold back.
  testTimeout: 30_000,
};
