import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env['PG_BIN_DIR'] || '/usr/lib/postgresql/15/bin';
const AS_POSTGRES = ['--reuid', 'postgres', '--regid', 'postgres', '--init-groups', '--'];

/**
 * A PostgreSQL server of a test's own (initdb in a temp dir, on a free port, trust auth), for fault
 * tests that stop and restart it: the shared server is never touched. Its data survives `stop` /
 * `start` (a restart); `kill` is a crash (SIGKILL of the postmaster, recovery on the next start).
 * As root, initdb and postgres run as the `postgres` user (they refuse to run as root).
 */
export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  readonly url: string;
  readonly port: number;
  /** A URL for another database of this server. */
  databaseUrl(name: string): string;
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown (`pg_ctl stop -m fast`): connections are terminated, data kept. */
  stop(): Promise<void>;
  /** SIGKILL of the postmaster: a crash; the next start recovers from the WAL. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
  /** What the server wrote to stdout/stderr, every start so far (e.g. whether it ran crash recovery). */
  serverLog(): string;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'throwaway-pg-'));
  const data = join(dir, 'data');
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    await chown(dir, uid, gid);
  }
  await chmod(dir, 0o700);
  await asServerUser(asRoot, join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  let child: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    if (!child) child = await launch(asRoot, data, port, dir, (chunk) => (log += chunk));
  };
  const stop = async () => {
    if (!child) return;
    const current = child;
    child = undefined;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    current.kill('SIGINT');
    await exited;
  };
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const databaseUrl = (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  return {
    url,
    port,
    databaseUrl,
    async createDatabase(name) {
      const { Client } = await import('pg');
      const admin = new Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      return databaseUrl(name);
    },
    stop,
    async kill() {
      if (!child) return;
      const current = child;
      child = undefined;
      const exited = new Promise((resolve) => current.once('exit', resolve));
      current.kill('SIGKILL');
      await exited;
      // The postmaster's children notice it is gone and exit; wait until the port is free again.
      await waitForPortFree(port);
    },
    start,
    serverLog: () => log,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function asServerUser(asRoot: boolean, command: string, args: readonly string[]): Promise<unknown> {
  return asRoot ? run('setpriv', [...AS_POSTGRES, command, ...args]) : run(command, [...args]);
}

function launch(asRoot: boolean, data: string, port: number, dir: string, record: (chunk: string) => void): Promise<ChildProcess> {
  const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'];
  const postgres = join(BIN, 'postgres');
  // setpriv execs in place: the child is the postmaster itself, so its signals reach the server.
  const child = asRoot ? spawn('setpriv', [...AS_POSTGRES, postgres, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(postgres, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onLog = (chunk: Buffer) => record(chunk.toString());
  child.stdout?.on('data', onLog);
  child.stderr?.on('data', onLog);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`postgres did not start in 30 s:\n${output}`)), 30_000);
    const onExit = (code: number | null) => fail(new Error(`postgres exited with ${code}:\n${output}`));
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      if (/database system is ready to accept connections/.test(output)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(child);
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('error', fail);
    child.once('exit', onExit);
  });
}

async function waitForPortFree(port: number): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`port ${port} is still in use after the postmaster was killed`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
