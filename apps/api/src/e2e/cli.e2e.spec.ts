import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startApi, type RunningApi } from './api-process';
import { openEventLog, type StoredEvent } from './event-count';
import { client } from './http-client';

const workspaceRoot = join(__dirname, '..', '..', '..', '..');

// Every step spawns the CLI (a node process compiling its sources on first use): seconds each on a busy machine.
jest.setTimeout(300_000);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npx orchestrator …`: the bin launcher as a child process, with only the given environment on top of PATH and HOME. */
function orchestrator(args: readonly string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, [join(workspaceRoot, 'tools', 'bin', 'orchestrator.js'), ...args], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ORCH_DATA_DIR: join(tmpdir(), 'orch-cli-e2e-no-data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

type Answer = { id: string; revision: number; position: number };

const LEAVES = [
  'sessions create', 'sessions list', 'sessions show', 'sessions tail', 'sessions start', 'sessions pause', 'sessions resume', 'sessions cancel',
  'sessions stop', 'sessions retry', 'sessions complete', 'sessions inject', 'tasks retry', 'tasks skip', 'tasks reassign', 'agents list',
  'agents show', 'agents register', 'agents drain', 'agents enable', 'contexts show', 'contexts versions', 'contexts diff', 'contexts patch',
  'events query', 'events export', 'webhooks list', 'webhooks create', 'webhooks delete', 'webhooks deliveries', 'webhooks redeliver',
  'keys list', 'keys create', 'keys revoke', 'projections status', 'projections rebuild', 'projections parked',
];

describe('given the orchestrator CLI and a running api (engine, fast scripted agents, webhooks that give up after one attempt)', () => {
  let api: RunningApi;
  let log: Awaited<ReturnType<typeof openEventLog>>;
  let origin: string;
  let receiver: Server;
  let receiverUrl: string;
  const outDir = mkdtempSync(join(tmpdir(), 'orch-cli-export-'));

  /** Runs the CLI as the admin (or with `key`); `--json` answers parsed. */
  const run = (args: readonly string[], key?: string) => orchestrator(args, { ORCH_API_URL: origin, ORCH_API_KEY: key ?? api.adminKey });
  async function ok<T = Answer>(args: readonly string[], key?: string): Promise<T> {
    const result = await run([...args, '--json'], key);
    if (result.code !== 0) throw new Error(`orchestrator ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`);
    return JSON.parse(result.stdout) as T;
  }
  const sessionEvents = (id: string) => log.stream(`session-${id}`);
  async function waitFor(stream: string, test: (event: StoredEvent) => boolean): Promise<StoredEvent> {
    for (;;) {
      const found = (await log.stream(stream)).find(test);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  /** The event an action appended carries its reason and the operator as actor: the audit trail (the engine may append the same type on its own). */
  async function actionRecorded(id: string, before: number, type: string, reason: string): Promise<void> {
    const appended = (await sessionEvents(id)).slice(before).filter((event) => event.type === type);
    expect(appended.map((event) => event.metadata)).toContainEqual(expect.objectContaining({ reason, actor: expect.stringMatching(/^user:/) }));
  }
  const plan = (...tasks: { id: string; description?: string; dependsOn?: string[] }[]) =>
    JSON.stringify(tasks.map((task) => ({ id: task.id, title: `Build ${task.id}`, capabilities: ['code_generation'], ...(task.description ? { description: task.description } : {}), dependsOn: (task.dependsOn ?? []).map((taskId) => ({ taskId })) })));
  const createSession = (title: string, tasks: string) => ok(['sessions', 'create', '--title', title, '--prompt', 'Limit login attempts per IP', '--tasks', tasks]);

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(500).end('no'));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    // Reads wait for their projections as long as the api allows: on a loaded machine 5 s is not always enough.
    api = await startApi({ ORCH_SCRIPTED_STEP_MS: '30', ORCH_SCRIPTED_AGENTS: 'false', WEBHOOK_MAX_ATTEMPTS: '1', ORCH_READ_WAIT_MS: '60000' });
    origin = api.baseUrl.replace(/\/api\/v1$/, '');
    log = await openEventLog(api.databaseUrl);
  });

  afterAll(async () => {
    await log?.close();
    await api?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    rmSync(outDir, { recursive: true, force: true });
  });

  it('when run with --help, then it names itself orchestrator and lists every command; a group and a command have their own help', async () => {
    const help = await orchestrator(['--help'], {});
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: orchestrator <command>/);
    for (const leaf of LEAVES) expect(help.stdout).toMatch(new RegExp(`^  ${leaf} `, 'm'));
    expect(help.stdout).toContain('ORCH_API_URL');
    const group = await orchestrator(['sessions', '--help'], {});
    expect(group.code).toBe(0);
    expect(group.stdout).toMatch(/^Usage: orchestrator sessions <command>/);
    const leaf = await orchestrator(['sessions', 'start', '--help'], {});
    expect(leaf.code).toBe(0);
    expect(leaf.stdout).toMatch(/^Usage: orchestrator sessions start <sessionId> --reason <text>[\s\S]*--json/);
  });

  it('when the key is wrong, the action has no reason, the id is unknown or the api is not there, then the exit code and the message say so, with a hint', async () => {
    const refused = await run(['sessions', 'list'], 'orch_not-a-real-key-at-all-really');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: .*\(AUTH\.UNAUTHENTICATED, HTTP 401\)/);
    expect(refused.stderr).toMatch(/hint: the api refused the key from ORCH_API_KEY/);
    const before = await log.count();
    const noReason = await run(['sessions', 'start', '0190f5d2-8a4b-7c3d-9e1f-123456789abc']);
    expect(noReason).toMatchObject({ code: 2, stderr: expect.stringMatching(/--reason is required/) });
    const unknown = await run(['sessions', 'start', '0190f5d2-8a4b-7c3d-9e1f-123456789abc', '--reason', 'try']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/HTTP 404\)[\s\S]*hint: check the id/);
    expect(await log.count()).toBe(before);
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const away = await orchestrator(['agents', 'list'], { ORCH_API_URL: nobody, ORCH_API_KEY: api.adminKey });
    expect(away).toMatchObject({ code: 1, stderr: expect.stringContaining(`cannot reach the api at ${nobody}: ECONNREFUSED`) });
    const noKey = await orchestrator(['agents', 'list'], { ORCH_API_URL: origin });
    expect(noKey).toMatchObject({ code: 2, stderr: expect.stringMatching(/no API key[\s\S]*ORCH_API_KEY/) });
  });

  it('when an admin creates, lists and revokes a key, then the key works until it is revoked and the list shows it revoked with the reason', async () => {
    const issued = await ok<{ id: string; key: string; prefix: string }>(['keys', 'create', '--name', 'night shift', '--role', 'operator']);
    expect((await client(api.baseUrl, issued.key).get('/sessions')).status).toBe(200);
    const listed = await ok<{ id: string; name: string; role: string; revokedAt: string | null }[]>(['keys', 'list']);
    expect(listed).toContainEqual(expect.objectContaining({ id: issued.id, name: 'night shift', role: 'operator', prefix: issued.prefix, revokedAt: null }));
    expect(JSON.stringify(listed)).not.toContain(issued.key);
    await ok(['keys', 'revoke', issued.id, '--reason', 'shift over']);
    expect((await client(api.baseUrl, issued.key).get('/sessions')).status).toBe(401);
    const after = await ok<{ id: string; revokedAt: string | null; revokeReason: string | null }[]>(['keys', 'list']);
    expect(after.find((row) => row.id === issued.id)).toMatchObject({ revokedAt: expect.any(String), revokeReason: 'shift over' });
    const table = await run(['keys', 'list']);
    expect(table.stdout).toMatch(/night shift\s+operator[\s\S]*revoked .*\(shift over\)/);
  });

  let agentId: string;

  it('when an agent is registered, listed, shown, drained and enabled, then the registry follows each step', async () => {
    const registered = await ok(['agents', 'register', '--name', 'builder', '--type', 'implementer', '--capabilities', 'code_generation,testing', '--runtime', 'scripted', '--runtime-config', '{"scenario":"default"}', '--capacity', '5']);
    agentId = registered.id;
    const page = await ok<{ items: { id: string; name: string; status: string }[] }>(['agents', 'list', '--min-position', String(registered.position)]);
    expect(page.items).toContainEqual(expect.objectContaining({ id: agentId, name: 'builder' }));
    const drained = await ok(['agents', 'drain', agentId, '--reason', 'maintenance']);
    expect(await ok<{ status: string }>(['agents', 'show', agentId, '--min-position', String(drained.position)])).toMatchObject({ status: 'draining' });
    const enabled = await ok(['agents', 'enable', agentId, '--reason', 'back']);
    const shown = await run(['agents', 'show', agentId, '--min-position', String(enabled.position)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/name\s+builder[\s\S]*status\s+(active|idle)/);
    const events = await log.stream(`agent-${agentId}`);
    expect(events.map((event) => event.metadata['reason'])).toEqual(expect.arrayContaining(['maintenance', 'back']));
  });

  let doomed: string;

  it('when a session is created, listed, shown, started and tailed from position 0, then the tail prints its events to the end and exits 0', async () => {
    // One that fails every attempt, started now: `sessions retry` needs a failed session later.
    doomed = (await createSession('Doomed', plan({ id: 'only', description: '[script:fail]' }))).id;
    await ok(['sessions', 'start', doomed, '--reason', 'will fail']);

    const created = await createSession('Rate limiting', plan({ id: 'api' }, { id: 'docs', dependsOn: ['api'] }));
    const listed = await ok<{ items: { id: string; title: string }[] }>(['sessions', 'list', '--text', 'rate', '--min-position', String(created.position)]);
    expect(listed.items.map((item) => item.id)).toEqual([created.id]);
    const shown = await ok<{ title: string; tasks: { id: string }[] }>(['sessions', 'show', created.id, '--min-position', String(created.position)]);
    expect(shown).toMatchObject({ title: 'Rate limiting' });
    expect(shown.tasks.map((task) => task.id)).toEqual(['api', 'docs']);
    await ok(['sessions', 'start', created.id, '--reason', 'ticket 4711']);
    const tail = await run(['sessions', 'tail', created.id, '--from', '0']);
    expect(tail.code).toBe(0);
    expect(tail.stdout).toMatch(/SessionCreated[\s\S]*SessionStarted.*\(reason: ticket 4711\)[\s\S]*TaskCompleted \[api\][\s\S]*TaskCompleted \[docs\][\s\S]*SessionCompleted\n$/);
    expect((await sessionEvents(created.id)).at(-1)?.type).toBe('SessionCompleted');
    const jsonLines = await run(['sessions', 'tail', created.id, '--json']);
    const events = jsonLines.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; stream: string });
    expect(events.at(-1)).toMatchObject({ type: 'SessionCompleted', stream: `session-${created.id}` });
  });

  it('when an operator pauses, resumes, injects, skips, reassigns and stops, then each is recorded with its reason', async () => {
    const { id } = await createSession('Steering', plan({ id: 'stuck', description: '[script:hang]' }, { id: 'later', dependsOn: ['stuck'] }));
    await ok(['sessions', 'start', id, '--reason', 'go']);
    await waitFor(`session-${id}`, (event) => event.type === 'TaskStarted');
    let before = (await sessionEvents(id)).length;
    await ok(['sessions', 'pause', id, '--reason', 'lunch']);
    await actionRecorded(id, before, 'SessionPaused', 'lunch');
    before = (await sessionEvents(id)).length;
    await ok(['sessions', 'resume', id, '--reason', 'after lunch']);
    await actionRecorded(id, before, 'SessionResumed', 'after lunch');
    before = (await sessionEvents(id)).length;
    const injected = await run(['sessions', 'inject', id, '--text', 'use a token bucket', '--task', 'stuck', '--reason', 'hint']);
    expect(injected).toMatchObject({ code: 0, stdout: expect.stringMatching(/^prompt injected: /) });
    expect((await sessionEvents(id)).slice(before).find((event) => event.data['text'] === 'use a token bucket')?.metadata).toMatchObject({ reason: 'hint' });
    before = (await sessionEvents(id)).length;
    await ok(['tasks', 'skip', id, 'later', '--reason', 'not needed']);
    await actionRecorded(id, before, 'TaskSkipped', 'not needed');
    before = (await sessionEvents(id)).length;
    await ok(['tasks', 'reassign', id, 'stuck', '--reason', 'another agent']);
    await actionRecorded(id, before, 'TaskReassigned', 'another agent');
    before = (await sessionEvents(id)).length;
    await ok(['sessions', 'stop', id, '--reason', 'enough']);
    await actionRecorded(id, before, 'SessionStopped', 'enough');
    const again = await run(['sessions', 'pause', id, '--reason', 'too late']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/SESSION\.ILLEGAL_TRANSITION[\s\S]*hint: the session is not in a state that allows this action/);
  });

  it('when a task has failed, then tasks retry retries it; sessions complete force-completes the session; a pending one is cancelled', async () => {
    const { id } = await createSession('Flaky', plan({ id: 'a', description: '[script:fail@a]' }, { id: 'b', description: '[script:hang@b]' }, { id: 'c' }));
    await ok(['sessions', 'start', id, '--reason', 'go']);
    await waitFor(`session-${id}`, (event) => event.type === 'TaskFailed' && event.data['taskId'] === 'a');
    // Force-completing needs one completed task (the directives above name their task: every task reads the whole plan).
    await waitFor(`session-${id}`, (event) => event.type === 'TaskCompleted' && event.data['taskId'] === 'c');
    let before = (await sessionEvents(id)).length;
    await ok(['tasks', 'retry', id, 'a', '--reason', 'try now']);
    await actionRecorded(id, before, 'TaskRetried', 'try now');
    before = (await sessionEvents(id)).length;
    await ok(['sessions', 'complete', id, '--reason', 'good enough']);
    await actionRecorded(id, before, 'SessionPartiallyCompleted', 'good enough');

    const pending = await createSession('Never mind', plan({ id: 'x' }));
    before = (await sessionEvents(pending.id)).length;
    await ok(['sessions', 'cancel', pending.id, '--reason', 'duplicate']);
    await actionRecorded(pending.id, before, 'SessionCancelled', 'duplicate');
  });

  it('when a session has failed every attempt, then sessions retry starts it over', async () => {
    await waitFor(`session-${doomed}`, (event) => event.type === 'SessionFailed');
    const before = (await sessionEvents(doomed)).length;
    await ok(['sessions', 'retry', doomed, '--reason', 'fixed the agent']);
    await actionRecorded(doomed, before, 'SessionRetried', 'fixed the agent');
  });

  it('when a context is patched, then show, show --version, versions and diff tell its history', async () => {
    const created = await client(api.baseUrl, api.adminKey).post<Answer>('/contexts', { scope: 'global', document: { decisions: { db: 'postgres' } } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const written = await ok(['contexts', 'patch', id, '--expected-version', '1', '--set', 'decisions.cache="redis"']);
    const shown = await ok<{ version: number; document: unknown }>(['contexts', 'show', id, '--min-position', String(written.position)]);
    expect(shown).toMatchObject({ version: 2, document: { decisions: { db: 'postgres', cache: 'redis' } } });
    expect(await ok(['contexts', 'show', id, '--version', '1'])).toMatchObject({ version: 1, document: { decisions: { db: 'postgres' } } });
    const versions = await ok<{ items: { version: number }[] }>(['contexts', 'versions', id]);
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
    const diff = await run(['contexts', 'diff', id, '--from', '1', '--to', '2']);
    expect(diff).toMatchObject({ code: 0, stdout: expect.stringContaining('+ decisions.cache "redis"') });
    const stale = await run(['contexts', 'patch', id, '--expected-version', '1', '--delete', 'decisions.db']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/HTTP 409/);
    expect((await log.stream(`context-${id}`)).length).toBe(2);
  });

  it('when the event log is queried with every filter and exported, then the answers are exactly the matching events, as JSON lines', async () => {
    const correlationId = 'cli-e2e-correlation-0001';
    const tagged = await client(api.baseUrl, api.adminKey).post<Answer>('/sessions', { title: 'Correlated', prompt: 'p' }, { 'x-correlation-id': correlationId });
    expect(tagged.status).toBe(201);
    const stream = `session-${tagged.body.id}`;
    const byCorrelation = await ok<{ items: { streamName: string; correlationId: string }[] }>(['events', 'query', '--correlation-id', correlationId, '--min-position', String(tagged.body.position)]);
    expect(byCorrelation.items.map((e) => e.streamName)).toContain(stream);
    expect(new Set(byCorrelation.items.map((e) => e.correlationId))).toEqual(new Set([correlationId]));
    const filtered = await ok<{ items: { type: string; position: number; recordedAt: string }[] }>([
      'events', 'query', '--stream', stream, '--category', 'session', '--type', 'SessionCreated,SessionStarted', '--actor-kind', 'user',
      '--since', '2000-01-01T00:00:00Z', '--until', '2999-01-01T00:00:00Z', '--after', '0', '--before', String(tagged.body.position + 1), '--order', 'desc', '--limit', '5',
    ]);
    expect(filtered.items.map((e) => e.type)).toEqual(['SessionCreated']);
    const byActor = await ok<{ items: { actor: string }[] }>(['events', 'query', '--category', 'apikey', '--limit', '1']);
    const actor = byActor.items[0]?.actor ?? '';
    const mine = await ok<{ items: { actor: string }[] }>(['events', 'query', '--actor', actor, '--limit', '500']);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(new Set(mine.items.map((e) => e.actor))).toEqual(new Set([actor]));

    const all: unknown[] = [];
    for (let after = 0; ; ) {
      const page = await client(api.baseUrl, api.adminKey).get<{ items: { position: number }[]; next: number | null }>(`/events?category=session&limit=500&after=${after}`);
      all.push(...page.body.items);
      if (page.body.next === null) break;
      after = page.body.next;
    }
    const out = join(outDir, 'sessions.jsonl');
    const exported = await run(['events', 'export', '--category', 'session', '--out', out]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toMatch(new RegExp(`exported ${all.length} events .*to ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    expect(readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line))).toEqual(all);
    const toStdout = await run(['events', 'export', '--stream', stream]);
    const ofStream = await client(api.baseUrl, api.adminKey).get<{ items: { position: number }[] }>(`/events?stream=${stream}&limit=500`);
    expect(ofStream.body.items.length).toBeGreaterThan(0);
    expect(toStdout.stdout.trim().split('\n').map((line) => JSON.parse(line) as { position: number })).toEqual(ofStream.body.items);
  });

  it('when a webhook is created, its deliveries die, one is redelivered and the webhook is deleted, then the server shows each step', async () => {
    const hook = await ok<Answer & { secret: string }>(['webhooks', 'create', '--target', receiverUrl, '--events', 'SessionCreated']);
    expect(hook.secret.length).toBeGreaterThan(20);
    expect((await ok<{ items: { id: string; status: string }[] }>(['webhooks', 'list'])).items).toContainEqual(expect.objectContaining({ id: hook.id, status: 'active' }));
    await createSession('Announced', plan({ id: 'x' }));
    let dead: { id: string; status: string }[] = [];
    while (dead.length === 0) {
      dead = (await ok<{ items: { id: string; status: string }[] }>(['webhooks', 'deliveries', hook.id, '--status', 'dead'])).items;
      if (dead.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const letters = await ok<{ items: { id: string }[] }>(['webhooks', 'deliveries', '--dead-letters']);
    expect(letters.items.map((d) => d.id)).toContain(dead[0]?.id);
    const redelivered = await ok<{ id: string; status: string }>(['webhooks', 'redeliver', dead[0]?.id ?? '']);
    expect(redelivered).toMatchObject({ id: dead[0]?.id, status: 'pending' });
    const log = await client(api.baseUrl, api.adminKey).get<{ items: { id: string; redeliveries: number }[] }>(`/webhooks/${hook.id}/deliveries`);
    expect(log.body.items.find((d) => d.id === dead[0]?.id)?.redeliveries).toBe(1);
    await ok(['webhooks', 'delete', hook.id, '--reason', 'receiver retired']);
    expect((await client(api.baseUrl, api.adminKey).get<{ status: string }>(`/webhooks/${hook.id}`)).body).toMatchObject({ status: 'deleted' });
  });

  it('when projections are inspected and rebuilt on the api\'s database, then status, rebuild and parked answer for it', async () => {
    const db = { DATABASE_URL: api.databaseUrl };
    const status = await orchestrator(['projections', 'status', '--json'], db);
    expect(status.code).toBe(0);
    expect((JSON.parse(status.stdout) as { projector: string }[]).map((row) => row.projector)).toContain('sessions');
    const rebuilt = await orchestrator(['projections', 'rebuild', 'agents'], db);
    expect(rebuilt).toMatchObject({ code: 0, stderr: expect.stringMatching(/agents/) });
    const parked = await orchestrator(['projections', 'parked', '--json'], db);
    expect(parked.code).toBe(0);
    expect(JSON.parse(parked.stdout)).toEqual([]);
    expect((await client(api.baseUrl, api.adminKey).get<{ items: { id: string }[] }>('/agents')).body.items.map((a) => a.id)).toContain(agentId);
  });
});
