#!/usr/bin/env node
// `npm start` runs this first: builds the dashboard (apps/dashboard/dist) when the build is
// missing or older than any of its sources, with Vite's own progress on the terminal.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const built = join(root, 'apps', 'dashboard', 'dist', 'index.html');
const sources = ['apps/dashboard/src', 'apps/dashboard/index.html', 'apps/dashboard/vite.config.mts', 'libs/contracts/src', 'libs/client/src'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const sourceTime = Math.max(...sources.map((source) => join(root, source)).filter(existsSync).map(newest));
if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) {
  process.stdout.write('[orchestrator] dashboard build is up to date\n');
  process.exit(0);
}
process.stdout.write(`[orchestrator] ${existsSync(built) ? 'dashboard sources changed' : 'no dashboard build yet'}: building apps/dashboard …\n`);
const started = Date.now();
const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/dashboard/vite.config.mts'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
if (result.status !== 0) {
  process.stderr.write('[orchestrator] the dashboard build failed (the api would still start without it: fix the build or run the api directly)\n');
  process.exit(result.status ?? 1);
}
process.stdout.write(`[orchestrator] dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
