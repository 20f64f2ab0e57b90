#!/usr/bin/env node
// `npx orchestrator …` from a checkout: the operator CLI run from its TypeScript sources
// (the same as `npm run cli -- …`), wherever it is called from.
const path = require('node:path');
require(path.join(__dirname, '..', 'runtime', 'register.js'));
require(path.join(__dirname, '..', '..', 'apps', 'cli', 'src', 'main.ts'));
