import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root: the api's child processes run from there, as `npm start` does. */
export const workspaceRoot = join(__dirname, '..', '..', '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A fresh data directory (workspaces, generated secrets) for one api process, and its removal. */
export function tempDataDir(prefix: string): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface ApiChild {
  readonly child: ChildProcess;
  /** Its stdout and stderr so far, interleaved. */
  readonly output: () => string;
}

/**
 * Spawns the real api (`apps/api/src/main.ts` through the source runtime) with `env` over this
 * process's environment and resolves once it logs "listening on"; rejects with its output if it
 * exits first, or takes over 60 s (then it is killed).
 */
export async function spawnApi(env: Record<string, string>): Promise<ApiChild> {
  const child = spawn(process.execPath, ['-r', './tools/runtime/register.js', 'apps/api/src/main.ts'], {
    cwd: workspaceRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`api did not start in 60 s:\n${output}`));
      child.kill('SIGKILL');
    }, 60_000);
    child.stdout?.on('data', () => {
      if (/listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`api exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output };
}

/** Sends `signal` (SIGKILL: no shutdown at all) and waits for the process to be gone. */
export async function ended(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
