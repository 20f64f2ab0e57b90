// Lets Jest load the ESM-only @opencode-ai/sdk (see src/opencode-sdk.ts): its entry points are
// mapped to their files, and those files (ESM) are transpiled to CommonJS like our sources.
// Spread it into the Jest config of any project whose specs run OpenCode runs.
const path = require('node:path');

const sdk = path.join(__dirname, '../../../node_modules/@opencode-ai/sdk/dist');
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  moduleNameMapper: { '^@opencode-ai/sdk/v2/client$': path.join(sdk, 'v2/client.js') },
  transform: { '/@opencode-ai/sdk/dist/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!@opencode-ai/sdk/)'],
};
