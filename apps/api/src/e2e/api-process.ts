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
  /** null while it runs. */
  readonly exitCode: () => number | null;
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

export interface StartOptions {
  /** Join this database instead of creating one (another process of the same deployment); not dropped on stop. */
  readonly databaseUrl?: string;
  /** The bootstrap admin key; processes sharing a database share it. */
  readonly adminKey?: string;
}

/** Starts the real api process (as `npm start` does), on its own fresh database unless told to join one. */
export async function startApi(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningApi> {
  const database = options.databaseUrl === undefined ? await createTestDatabase() : { connectionString: options.databaseUrl, drop: async () => undefined };
  const port = await freePort();
  const adminKey = options.adminKey ?? `orch_test_${randomBytes(24).toString('base64url')}`;
  const child = spawn(process.execPath, ['-r', './tools/runtime/register.js', 'apps/api/src/main.ts'], {
    cwd: workspaceRoot,
    env: { ...process.env, DATABASE_URL: database.connectionString, PORT: String(port), ORCH_BOOTSTRAP_ADMIN_KEY: adminKey, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForListening(child, () => output).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    adminKey,
    databaseUrl: database.connectionString,
    output: () => output,
    exitCode: () => child.exitCode,
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
