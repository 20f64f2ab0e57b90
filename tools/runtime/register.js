// Runs the TypeScript sources directly: swc transpiles on require, and the workspace path aliases
// of tsconfig.base.json (`@orch/*`) resolve to their source files. Used by `npm start`, the CLI,
// benchmarks and the end-to-end tests' server processes: `node -r ./tools/runtime/register.js …`.
const Module = require('node:module');
const path = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');

const root = path.join(__dirname, '..', '..');
const aliases = new Map(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]),
);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const target = aliases.get(request);
  return resolveFilename.call(this, target ?? request, ...rest);
};

// Decorator metadata (NestJS) needs the compiler options of tsconfig.base.json.
process.env.SWC_NODE_PROJECT ??= path.join(root, 'tsconfig.base.json');
require('@swc-node/register');
