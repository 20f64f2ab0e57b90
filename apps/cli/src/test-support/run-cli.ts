import { spawn } from 'node:child_process';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..', '..', '..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI as an operator would (`npm run cli -- …`): a real node process through the
 * workspace's runtime hook, stdout and stderr piped (so stderr is not a TTY). The environment
 * is the given one only, on top of PATH and HOME, so a developer's DATABASE_URL cannot leak in.
 */
export function runCli(args: readonly string[], env: Record<string, string>, timeoutMs = 120_000): Promise<CliRun> {
  const child = spawn(process.execPath, ['-r', './tools/runtime/register.js', 'apps/cli/src/main.ts', ...args], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
