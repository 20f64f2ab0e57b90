module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'cli',
  rootDir: __dirname,
  // Integration specs run the CLI as child processes against a shared PostgreSQL server.
  testTimeout: 60_000,
};
