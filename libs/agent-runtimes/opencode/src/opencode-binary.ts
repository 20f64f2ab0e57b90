import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The pinned OpenCode binary from node_modules, called directly (no PATH lookup, no npm shim):
 * `opencode-ai/bin/opencode.exe`, which its postinstall links to the platform build that runs on
 * this CPU, else the platform package itself (`opencode-<os>-<arch>[-baseline][-musl]/bin/opencode`).
 */
export function pinnedOpencodeBinary(): string {
  const candidates = [packageFile('opencode-ai', 'bin/opencode.exe'), ...platformPackages().map((name) => packageFile(name, 'bin/opencode'))];
  const found = candidates.find((file): file is string => file !== undefined && existsSync(file));
  if (found === undefined) throw new Error('no OpenCode binary in node_modules: install opencode-ai (npm ci)');
  return found;
}

function platformPackages(): string[] {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const base = `opencode-${os}-${process.arch}`;
  return [base, `${base}-baseline`, `${base}-musl`, `${base}-baseline-musl`];
}

function packageFile(name: string, file: string): string | undefined {
  try {
    return join(dirname(require.resolve(`${name}/package.json`)), file);
  } catch {
    return undefined;
  }
}
