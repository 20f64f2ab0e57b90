import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../e2e/api-process';
import { client } from '../../e2e/http-client';

const workspaceRoot = join(__dirname, '..', '..', '..', '..', '..');

describe('given `npm start` on a fresh data dir with no DATABASE_URL (the embedded default)', () => {
  let child: ChildProcess;
  let output = '';
  let dataDir: string;
  let baseUrl: string;
  let adminKey: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'orch-npm-start-'));
    // The embedded PostgreSQL runs as the postgres user when we are root: it must reach its data dir.
    chmodSync(dataDir, 0o755);
    const [port, pgPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), ORCH_DATA_DIR: dataDir, ORCH_SCRIPTED_STEP_MS: '40', LOG_LEVEL: 'warn' };
    delete env['DATABASE_URL'];
    delete env['ORCH_BOOTSTRAP_ADMIN_KEY'];
    child = spawn('npm', ['start', '--silent'], { cwd: workspaceRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not print its key in 180 s:\n${output}`)), 180_000);
      child.stdout?.on('data', () => {
        const url = /listening on (\S+\/api\/v1)/.exec(output)?.[1];
        const key = /bootstrap admin key \(tenant [^)]+\): (\S+)/.exec(output)?.[1];
        if (url && key) {
          [baseUrl, adminKey] = [url, key];
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
  }, 200_000);

  afterAll(async () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('when a session is created and started over HTTP, then the scripted agents run it to completed on their own, every task with its events', async () => {
    const admin = client(baseUrl, adminKey);
    const agents = await admin.get<{ items: { name: string }[] }>('/agents');
    expect(agents.status).toBe(200);
    const created = await admin.post<{ id: string }>('/sessions', { title: 'Add rate limiting to the login endpoint', prompt: 'Limit attempts per IP', planning: { mode: 'template', template: 'feature' } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await admin.post(`/sessions/${id}/start`, { reason: 'demo' })).status).toBe(200);
    const deadline = Date.now() + 120_000;
    let status = '';
    while (Date.now() < deadline && status !== 'completed') {
      status = (await admin.get<{ status: string }>(`/sessions/${id}`)).body?.status ?? '';
      if (['failed', 'timeout', 'stopped', 'cancelled', 'orphaned', 'partially_completed'].includes(status)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe('completed');
    const timeline = await admin.get<{ items: { type: string; taskId?: string | null }[] }>(`/sessions/${id}/timeline?limit=500`);
    const types = timeline.body.items.map((item) => item.type);
    for (const type of ['SessionStarted', 'SessionWorkspacePrepared', 'TaskRouted', 'TaskAssigned', 'TaskStarted', 'TaskCompleted', 'CheckpointRecorded', 'SessionCompleted']) expect(types).toContain(type);
    const tasks = await admin.get<unknown[]>(`/sessions/${id}/tasks`);
    expect(JSON.stringify(tasks.body)).toContain('completed');
    expect(types.filter((type) => type === 'TaskCompleted')).toHaveLength(4);
  }, 180_000);
});
