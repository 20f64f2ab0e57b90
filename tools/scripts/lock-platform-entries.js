#!/usr/bin/env node
// Records the other platforms' optional binaries (@swc/core-darwin-arm64, …) in package-lock.json.
// The registry reachable here serves only this platform's builds, so npm leaves those entries out of
// the lock, and `npm ci` then refuses the lock as out of sync. Each entry is marked optional and
// carries the platform the package declares, so npm skips it on every other platform, as it would
// with a lock written where the registry has them all. Run after any `npm install` that adds one.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const lockPath = path.join(root, 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const PLATFORM = /-(darwin|linux|win32|windows|freebsd|android|openharmony|sunos|aix|netbsd|openbsd)-/;
// Some packages spell the OS their own way (`opencode-windows-arm64`); the lock wants Node's name.
const OS_NAMES = { windows: 'win32' };

function platformOf(name) {
  const match = PLATFORM.exec(name);
  const os = match ? [OS_NAMES[match[1]] ?? match[1]] : undefined;
  const cpu = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'].find((c) =>
    name.includes(`-${c}`),
  );
  const libc = /-musl/.test(name) ? ['musl'] : /-gnu/.test(name) ? ['glibc'] : undefined;
  return { ...(os && { os }), ...(cpu && { cpu: [cpu] }), ...(libc && { libc }) };
}

let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = key === '' ? 'node_modules' : `${key}/node_modules`;
    const nested = `${base}/${name}`;
    const top = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[top] || !PLATFORM.test(name)) continue;
    lock.packages[top] = { version, dev: entry.dev || undefined, optional: true, ...platformOf(name) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock: recorded ${added} optional platform entries`);
if (process.argv.includes('--check')) execFileSync('npm', ['ci', '--dry-run'], { cwd: root, stdio: 'inherit' });
