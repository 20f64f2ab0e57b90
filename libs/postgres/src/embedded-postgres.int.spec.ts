import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const fixture = join(__dirname, 'fixtures', 'embedded-child.ts');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function startChild(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', fixture, dataDir, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (\S+)/.exec(output);
      if (match) resolve({ child, url: match[1] });
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${output}`)));
  });
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('given no DATABASE_URL, the embedded PostgreSQL', () => {
  const parent = mkdtempSync(join(tmpdir(), 'orch-embedded-'));
  // As root, the cluster runs as the postgres user, which must be able to reach the data dir.
  chmodSync(parent, 0o755);
  const dataDir = join(parent, 'pg');
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('starts under the data dir, serves queries, stops on SIGTERM and keeps its data for the next start', async () => {
    const port = await freePort();
    const first = await startChild(dataDir, port);
    await query(first.url, 'CREATE TABLE kept (value int); INSERT INTO kept VALUES (42)');
    const exited = new Promise<number | null>((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGTERM');
    expect(await exited).toBe(143);
    await expect(query(first.url, 'SELECT 1')).rejects.toThrow();
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);

    const second = await startChild(dataDir, port);
    expect(await query(second.url, 'SELECT value FROM kept')).toEqual([{ value: 42 }]);
    const exitedAgain = new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGINT');
    expect(await exitedAgain).toBe(130);
  }, 120_000);
});
