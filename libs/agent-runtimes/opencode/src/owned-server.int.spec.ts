import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunEvent, TaskRunRequest } from '@orch/application';
import { allEvents, aRunRequest, firstEvent, startedRun } from '@orch/testing';
import { errorTurn, hangTurn, startOpenAiChatCompletionsMock, textTurn, toolCallTurn, type ModelMock } from '@orch/testing/model-mocks';
import { OpencodeAgentRuntime } from './opencode-runtime';
import { isAlive } from './server-process';
import { mockedOpencodeConfig } from './testing/opencode-test-server';
import { scriptedRequest, turnsFor, type Behaviour } from './testing/scripted-behaviours';

const TURNS = { text: textTurn, toolCall: toolCallTurn, error: errorTurn, hang: hangTurn };
const OWNED_AGENT = { agentId: 'agent-opencode-owned', agentType: 'implementer' as const, runtime: { kind: 'opencode' as const, config: { agent: 'build' } } };
const REPO_ROOT = join(__dirname, '../../../..');

let mock: ModelMock;
let root: string;

beforeAll(async () => {
  mock = await startOpenAiChatCompletionsMock();
  root = await mkdtemp(join(tmpdir(), 'opencode-owned-'));
});
afterAll(async () => {
  await mock?.close();
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});
jest.setTimeout(240_000);

async function requestFor(behaviour: Behaviour): Promise<TaskRunRequest> {
  const workingDirectory = await mkdtemp(join(root, 'task-'));
  const { request, marker } = scriptedRequest(behaviour, aRunRequest(OWNED_AGENT, workingDirectory));
  mock.script({ match: marker, turns: turnsFor(behaviour, workingDirectory, TURNS) });
  return request;
}

async function serverRecord(dataDir: string): Promise<{ pid: number; url: string }> {
  return JSON.parse(await readFile(join(dataDir, 'server', 'server.json'), 'utf8')) as { pid: number; url: string };
}

const isTool = (e: RunEvent): e is Extract<RunEvent, { type: 'progress' }> => e.type === 'progress' && e.kind === 'tool';

describe('opencode runtime on a server of its own', () => {
  let dataDir: string;
  let runtime: OpencodeAgentRuntime;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(root, 'data-'));
    runtime = new OpencodeAgentRuntime({ dataDir, ownedServer: { config: mockedOpencodeConfig(mock.baseUrl) }, timing: { pollMs: 500 } });
  });
  afterAll(() => runtime?.close());

  it('starts its server isolated (own HOME and XDG dirs, offline switches, a password, none of the engine secrets) and records the tokens and cost the model reported', async () => {
    process.env['ORCH_SECRET_MUST_NOT_LEAK'] = 'secret-value';
    const workingDirectory = await mkdtemp(join(root, 'task-'));
    const { request, marker } = scriptedRequest('completes', aRunRequest(OWNED_AGENT, workingDirectory));
    const usage = { inputTokens: 1_234, outputTokens: 56 };
    mock.script({ match: marker, turns: [toolCallTurn('write', { filePath: join(workingDirectory, 'a.txt'), content: 'a\n' }, { usage }), textTurn('Wrote a.txt.', { usage })] });

    const run = startedRun(await runtime.start(request));
    const outcome = await run.outcome();

    expect(outcome).toEqual({ status: 'completed', summary: 'Wrote a.txt.', changedFiles: ['a.txt'], usage: expect.any(Object) });
    expect(outcome.usage).toEqual({ tokensIn: 2_468, tokensOut: 112, costUsd: 0.009084, apiCalls: 2, apiErrors: 0 });
    const { pid } = await serverRecord(dataDir);
    const env = Object.fromEntries((await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    expect(env).toMatchObject({ HOME: join(dataDir, 'server', 'home'), XDG_DATA_HOME: join(dataDir, 'server', 'xdg', 'data'), OPENCODE_DISABLE_AUTOUPDATE: '1', OPENCODE_DISABLE_MODELS_FETCH: '1' });
    expect(env['OPENCODE_SERVER_PASSWORD']).toMatch(/^\S{20,}$/);
    expect(Object.keys(env).filter((name) => name.startsWith('ORCH_') || name === 'DATABASE_URL')).toEqual([]);
    expect((await stat(join(dataDir, 'server', 'server.json'))).mode & 0o777).toBe(0o600);
    delete process.env['ORCH_SECRET_MUST_NOT_LEAK'];
  });

  it('given its server is killed mid-task, the run ends TASK.RUN_LOST (retryable), the server comes back and takes new runs', async () => {
    const before = await serverRecord(dataDir);
    const run = startedRun(await runtime.start(await requestFor('runsLong')));
    await firstEvent(run, isTool);

    process.kill(before.pid, 'SIGKILL');
    const outcome = await run.outcome();

    expect(outcome).toMatchObject({ status: 'failed', code: 'TASK.RUN_LOST', retryable: true, message: expect.stringMatching(/restarted|lost/) });
    expect((await allEvents(run)).at(-1)).toMatchObject({ type: 'ended', outcome });
    const next = startedRun(await runtime.start(await requestFor('completes')));
    expect(await next.outcome()).toMatchObject({ status: 'completed' });
    expect((await serverRecord(dataDir)).pid).not.toBe(before.pid);
  });

  it('given the runtime closes, its runs end aborted and its server stops', async () => {
    const run = startedRun(await runtime.start(await requestFor('runsLong')));
    await firstEvent(run, isTool);
    const { pid } = await serverRecord(dataDir);

    await runtime.close();

    expect(await run.outcome()).toMatchObject({ status: 'aborted', reason: 'the OpenCode runtime closed' });
    expect(isAlive(pid)).toBe(false);
    await expect(stat(join(dataDir, 'server', 'server.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('opencode runtime after its engine was killed', () => {
  it('leaves the server running; the next engine adopts it and re-attaches the run, which completes', async () => {
    const dataDir = await mkdtemp(join(root, 'data-'));
    const request = await requestFor('runsLong');
    const engine = spawn(process.execPath, ['-r', './tools/runtime/register.js', 'libs/agent-runtimes/opencode/src/testing/engine-process.ts', JSON.stringify(request)], {
      cwd: REPO_ROOT,
      env: { ...process.env, ENGINE_DATA_DIR: dataDir, ENGINE_MODEL_URL: mock.baseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: engine.stdout }).once('line', resolve);
      engine.once('exit', (code) => reject(new Error(`the engine exited (${String(code)}) before starting the run`)));
    });
    const { runtimeRef } = JSON.parse(line) as { runtimeRef: string };
    const server = await serverRecord(dataDir);

    engine.kill('SIGKILL');
    const restarted = new OpencodeAgentRuntime({ dataDir, ownedServer: { config: mockedOpencodeConfig(mock.baseUrl) }, timing: { pollMs: 500 } });
    try {
      const attached = await restarted.attach(runtimeRef);
      if (!attached.found) throw new Error(attached.message);
      expect(await attached.run.outcome()).toMatchObject({ status: 'completed', changedFiles: ['src/greeting.ts'] });
      expect((await allEvents(attached.run))[0]).toMatchObject({ seq: 1, type: 'progress', kind: 'status' });
      expect((await serverRecord(dataDir)).pid).toBe(server.pid);
    } finally {
      await restarted.close();
    }
    expect(isAlive(server.pid)).toBe(false);
  });
});
