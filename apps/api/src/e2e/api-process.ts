import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase } from '@orch/testing';

const workspaceRoot = join(__dirname, '..', '..', '..', '..');

export interface RunningApi {
  readonly baseUrl: string;
  readonly adminKey: string;
  readonly databaseUrl: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts the real api process (as `npm start` does) on its own fresh database. */
export async function startApi(env: Record<string, string> = {}): Promise<RunningApi> {
  const database = await createTestDatabase();
  const port = await freePort();
  const adminKey = `orch_test_${randomBytes(24).toString('base64url')}`;
  const child = spawn(process.execPath, ['-r', './tools/runtime/register.js', 'apps/api/src/main.ts'], {
    cwd: workspaceRoot,
    env: { ...process.env, DATABASE_URL: database.connectionString, PORT: String(port), ORCH_BOOTSTRAP_ADMIN_KEY: adminKey, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForListening(child, () => output);
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    adminKey,
    databaseUrl: database.connectionString,
    output: () => output,
    async stop() {
      await stopChild(child);
      await database.drop();
    },
  };
}

function waitForListening(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`api did not start in 60 s:\n${output()}`)), 60_000);
    const onData = () => {
      if (/listening on/.test(output())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`api exited with ${code}:\n${output()}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
