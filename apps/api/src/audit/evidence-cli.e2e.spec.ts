import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, sha256Hex } from '@orch/event-store';
import { startApi, type RunningApi } from '../e2e/api-process';
import { client } from '../e2e/http-client';

const workspaceRoot = join(__dirname, '..', '..', '..', '..');

/** The operator CLI as a real process (`npm run cli -- …`), with only the environment given. */
function cli(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', './tools/runtime/register.js', 'apps/cli/src/main.ts', ...args], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type Answer = { id: string; revision: number; position: number };
type Bundle = {
  manifest: { sections: Record<string, { sha256: string; count: number }>; streams: { streamName: string; headHash: string }[] };
  manifestSha256: string;
  events: { id: string; streamName: string; revision: number; data: Record<string, unknown> }[];
};

describe('given a session on the api (evidence: cli events verify, sessions export, bundle verify)', () => {
  let api: RunningApi;
  let dir: string;
  let sessionId: string;
  let bundlePath: string;

  beforeAll(async () => {
    api = await startApi();
    dir = mkdtempSync(join(tmpdir(), 'orch-evidence-'));
    bundlePath = join(dir, 'bundle.json');
    const admin = client(api.baseUrl, api.adminKey);
    const planning = { mode: 'explicit', tasks: [{ id: 'build', title: 'Build it', capabilities: ['code_generation'] }] };
    const created = (await admin.post<Answer>('/sessions', { title: 'Evidence', prompt: 'Export me', planning })).body;
    sessionId = created.id;
    // Read-your-writes: the event log index has the session's events before the export reads it.
    // (503 PROJECTION.NOT_CAUGHT_UP while the projector is behind: ask again, as a client would after Retry-After.)
    for (let status = 0; status !== 200; ) {
      status = (await admin.get(`/events?stream=session-${sessionId}&minPosition=${created.position}`)).status;
      expect([200, 503]).toContain(status);
    }
  }, 120_000);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api?.stop();
  });

  it('when the session is exported through the api and verified offline, then the bundle holds and its head matches the store', async () => {
    const exported = await cli(['sessions', 'export', sessionId, '--out', bundlePath, '--api', api.baseUrl], { ORCH_API_KEY: api.adminKey });
    expect([exported.code, exported.stderr]).toEqual([0, expect.stringContaining('wrote')]);
    const verified = await cli(['bundle', 'verify', bundlePath], {});
    expect([verified.code, verified.stdout]).toEqual([0, expect.stringMatching(/^OK: .* \d+ event\(s\) checked/)]);

    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as Bundle;
    expect(bundle.events.length).toBeGreaterThan(0);
    const direct = await cli(['events', 'verify', '--stream', `session-${sessionId}`], { DATABASE_URL: api.databaseUrl });
    const head = bundle.manifest.streams.find((entry) => entry.streamName === `session-${sessionId}`)?.headHash;
    expect([direct.code, direct.stdout]).toEqual([0, expect.stringContaining(`hash ${head}`)]);
    const viaApi = await cli(['events', 'verify', '--api', api.baseUrl], { ORCH_API_KEY: api.adminKey });
    expect([viaApi.code, viaApi.stdout]).toEqual([0, expect.stringMatching(/^OK: /)]);
  }, 120_000);

  it('when an event of the bundle is altered and every hash of the manifest recomputed, then bundle verify still names that event', async () => {
    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as Bundle;
    const target = bundle.events[0];
    if (!target) throw new Error('empty bundle');
    target.data = { ...target.data, title: 'Forged' };
    bundle.manifest.sections['events'] = { count: bundle.events.length, sha256: sha256Hex(canonicalJson(bundle.events)) };
    bundle.manifestSha256 = sha256Hex(canonicalJson(bundle.manifest));
    const forged = join(dir, 'forged.json');
    writeFileSync(forged, JSON.stringify(bundle));
    const verified = await cli(['bundle', 'verify', forged], {});
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`${target.streamName}@${target.revision} event ${target.id}: content-altered`);
  }, 60_000);

  it('when events verify runs through the api without a key, then it is a usage error (exit 2)', async () => {
    const run = await cli(['events', 'verify', '--api', api.baseUrl], {});
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('ORCH_API_KEY')]);
  }, 60_000);
});
