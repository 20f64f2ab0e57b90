import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunAgent, TaskRunRequest } from '@orch/application';
import { allEvents, aRunRequest, firstEvent, isProgress, listFiles, startedRun } from '@orch/testing';
import { ScriptedAgentRuntime } from './scripted-runtime';

const agent = (scenario = 'default'): RunAgent => ({
  agentId: 'agent-scripted',
  agentType: 'implementer',
  runtime: { kind: 'scripted', config: { scenario } },
});

describe('scripted agents', () => {
  let root: string;
  let runtime: ScriptedAgentRuntime;
  const request = async (overrides: Partial<TaskRunRequest> = {}, scenario?: string): Promise<TaskRunRequest> =>
    aRunRequest(agent(scenario), await mkdtemp(join(root, 'task-')), { sessionId: 'session-1', ...overrides });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'scripted-agents-'));
    runtime = new ScriptedAgentRuntime({ stepDelayMs: 5 });
  });

  afterEach(async () => {
    await runtime.close();
    await rm(root, { recursive: true, force: true });
  });

  it('are deterministic: the same request gives the same events and the same files', async () => {
    const [a, b] = await Promise.all([request(), request()]);
    const runs = await Promise.all([a, b].map(async (r) => startedRun(await runtime.start(r))));
    const [eventsA, eventsB] = await Promise.all(runs.map((run) => allEvents(run)));

    expect(eventsA).toEqual(eventsB);
    const files = await listFiles(a.workingDirectory);
    expect(files).toEqual(['notes/implement.md', 'src/implement-the-greeting-service.ts']);
    for (const file of files) {
      expect(await readFile(join(a.workingDirectory, file), 'utf8')).toBe(await readFile(join(b.workingDirectory, file), 'utf8'));
    }
  });

  it('write a source file named after the task and a note with the operator prompts', async () => {
    const r = await request({ instructions: 'Greet people. [script:slow]' });
    const run = startedRun(await runtime.start(r));
    await firstEvent(run, isProgress);
    await run.injectPrompt({ injectionId: 'i-1', text: 'Say hello in French too' });
    await run.outcome();

    const source = await readFile(join(r.workingDirectory, 'src/implement-the-greeting-service.ts'), 'utf8');
    expect(source).toContain('export function implementTheGreetingService(subject: string): string {');
    const note = await readFile(join(r.workingDirectory, 'notes/implement.md'), 'utf8');
    expect(note).toContain('# Implement the greeting service');
    expect(note).toContain('- Say hello in French too');
    expect((await run.outcome()).status).toBe('completed');
  });

  it('fail a flaky task on attempt 1 and complete it on attempt 2', async () => {
    const first = startedRun(await runtime.start(await request({ attempt: 1 }, 'flaky')));
    const second = startedRun(await runtime.start(await request({ attempt: 2 }, 'flaky')));

    expect(await first.outcome()).toMatchObject({ status: 'failed', code: 'TASK.AGENT_ERROR', retryable: true });
    expect(await second.outcome()).toMatchObject({ status: 'completed' });
  });

  it('follow directives aimed at their task only', async () => {
    const instructions = 'Build it. [script:fail@test]';
    const test = startedRun(await runtime.start(await request({ taskId: 'test', instructions })));
    const implement = startedRun(await runtime.start(await request({ taskId: 'implement', instructions })));

    expect((await test.outcome()).status).toBe('failed');
    expect((await implement.outcome()).status).toBe('completed');
  });

  it('refuse to start an unknown scenario, another kind of agent, or once closed', async () => {
    const unknown = await runtime.start(await request({}, 'implementer'));
    const opencode = await runtime.start({ ...(await request()), agent: { ...agent(), runtime: { kind: 'opencode', config: { agent: 'build' } } } });
    const later = await request();
    await runtime.close();

    expect(unknown).toMatchObject({ started: false, failure: { code: 'TASK.START_FAILED', retryable: false } });
    expect(opencode).toMatchObject({ started: false, failure: { code: 'TASK.START_FAILED', retryable: false } });
    expect(await runtime.start(later)).toMatchObject({ started: false, failure: { code: 'TASK.START_FAILED', retryable: true } });
  });

  it('forget the oldest ended runs beyond keepEndedRuns', async () => {
    const small = new ScriptedAgentRuntime({ stepDelayMs: 1, keepEndedRuns: 1 });
    const first = startedRun(await small.start(await request()));
    await first.outcome();
    const second = startedRun(await small.start(await request()));
    await second.outcome();

    expect(await small.attach(first.runtimeRef)).toMatchObject({ found: false, reason: 'unknown_run' });
    expect(await small.attach(second.runtimeRef)).toMatchObject({ found: true });
    await small.close();
  });
});
