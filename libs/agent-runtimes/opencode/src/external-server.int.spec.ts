import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunAgent, RunEvent } from '@orch/application';
import { allEvents, aRunRequest, firstEvent, startedRun } from '@orch/testing';
import { errorTurn, hangTurn, startOpenAiChatCompletionsMock, textTurn, toolCallTurn } from '@orch/testing/model-mocks';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { GitWorktreeWorkspaces } from '@orch/workspaces';
import { OpencodeAgentRuntime } from './opencode-runtime';
import { encodeRunRef } from './runtime-ref';
import { opencodeSpecFixture } from './testing/opencode-spec-fixture';
import { scriptedRequest, turnsFor } from './testing/scripted-behaviours';

const TURNS = { text: textTurn, toolCall: toolCallTurn, error: errorTurn, hang: hangTurn };

const opencode = opencodeSpecFixture('opencode-external-', startOpenAiChatCompletionsMock);
jest.setTimeout(120_000);

const agentAt = (baseUrl: string, passwordRef = 'secret:opencode-test'): RunAgent => ({
  agentId: 'agent-opencode-external',
  agentType: 'implementer',
  runtime: { kind: 'opencode', config: { baseUrl, agent: 'build', passwordRef } },
});

const errors: string[] = [];

function runtimeWith(password: string | undefined): OpencodeAgentRuntime {
  return new OpencodeAgentRuntime({
    dataDir: join(opencode.root, `data-${Math.random().toString(36).slice(2)}`),
    resolveSecret: async (name) => (name === 'opencode-test' ? password : undefined),
    timing: { pollMs: 300, lostAfterMs: 3_000, onError: (message) => errors.push(message) },
    connection: { reconnectDelaysMs: [100, 300] },
    disposeIdleDirectoryAfterMs: 50,
  });
}

describe('opencode runtime on an external server', () => {
  it.each([
    ['a wrong password', 'not-the-password', 'secret:opencode-test'],
    ['a secret that is not set', undefined, 'secret:opencode-test'],
    ['a passwordRef that is no secret reference', 'whatever', 'plain-text-password'],
  ])('given %s, start fails with TASK.START_FAILED and creates nothing', async (_label, password, passwordRef) => {
    const runtime = runtimeWith(password);
    try {
      const start = await runtime.start(aRunRequest(agentAt(opencode.server.url, passwordRef), await mkdtemp(join(opencode.root, 'task-'))));
      expect(start).toEqual({ started: false, failure: { code: 'TASK.START_FAILED', message: expect.stringMatching(/\S/), retryable: expect.any(Boolean) } });
    } finally {
      await runtime.close();
    }
  });

  it('given a ref to a session its server does not know, attach answers unknown_run', async () => {
    const runtime = runtimeWith(opencode.server.password);
    try {
      const ref = encodeRunRef({ server: { kind: 'external', baseUrl: opencode.server.url, passwordRef: 'secret:opencode-test' }, sessionId: 'ses_0000000000000notthere', directory: opencode.root });
      expect(await runtime.attach(ref)).toEqual({ found: false, reason: 'unknown_run', message: expect.stringMatching(/\S/) });
    } finally {
      await runtime.close();
    }
  });

  it('given a model OpenCode does not know, the run fails with TASK.AGENT_ERROR at once rather than waiting to be lost', async () => {
    const runtime = runtimeWith(opencode.server.password);
    try {
      const request = aRunRequest(agentAt(opencode.server.url), await mkdtemp(join(opencode.root, 'task-')), { model: 'mock/no-such-model' });
      const run = startedRun(await runtime.start(request));

      expect(await run.outcome()).toMatchObject({ status: 'failed', code: 'TASK.AGENT_ERROR', message: expect.stringContaining('no-such-model') });
    } finally {
      await runtime.close();
    }
  });

  it('given a task worktree from the workspaces, the run reports what git sees changed, and the work merges into the result branch', async () => {
    const runtime = runtimeWith(opencode.server.password);
    const workspaces = new GitWorktreeWorkspaces({ root: join(opencode.root, 'workspaces') });
    const sessionId = randomUUID();
    try {
      await workspaces.prepare({ tenantId: 'tenant-a', sessionId });
      const task = { tenantId: 'tenant-a', sessionId, taskId: 'greeting', attempt: 1 };
      const { directory } = await workspaces.openTask(task);
      const { request, marker } = scriptedRequest('completes', aRunRequest(agentAt(opencode.server.url), directory, { sessionId, taskId: 'greeting' }));
      opencode.mock.script({ match: marker, turns: turnsFor('completes', directory, TURNS) });

      const outcome = await startedRun(await runtime.start(request)).outcome();
      expect(outcome).toMatchObject({ status: 'completed', changedFiles: ['src/greeting.ts'] });

      const finished = await workspaces.finishTask({ ...task, message: 'Implement the greeting service' });
      expect(finished).toMatchObject({ merged: true, changedFiles: ['src/greeting.ts'] });
      const repo = join(opencode.root, 'workspaces', 'tenant-a', sessionId, 'repo.git');
      expect(execFileSync('git', ['show', `orch/${sessionId}:src/greeting.ts`], { cwd: repo, encoding: 'utf8' })).toContain('Hello, ${name}!');
    } finally {
      await runtime.close();
      await workspaces.release({ tenantId: 'tenant-a', sessionId });
    }
  });

  it('given a directory idle after its run, its server instance is disposed, and a later run there starts it again', async () => {
    const runtime = runtimeWith(opencode.server.password);
    try {
      const directory = await mkdtemp(join(opencode.root, 'task-'));
      for (const runId of ['first-run', 'second-run']) {
        const { request, marker } = scriptedRequest('completes', aRunRequest(agentAt(opencode.server.url), directory, { runId: `${runId}-${Date.now()}` }));
        opencode.mock.script({ match: marker, turns: turnsFor('completes', directory, TURNS) });
        expect(await startedRun(await runtime.start(request)).outcome()).toMatchObject({ status: 'completed' });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(errors.filter((message) => message.startsWith('disposing'))).toEqual([]);
    } finally {
      await runtime.close();
    }
  });

  // Last: it kills the file's server.
  it('given the server dies mid-run and stays away, the run ends TASK.RUN_LOST (retryable) instead of hanging', async () => {
    const runtime = runtimeWith(opencode.server.password);
    try {
      const { request, marker } = scriptedRequest('runsLong', aRunRequest(agentAt(opencode.server.url), await mkdtemp(join(opencode.root, 'task-'))));
      opencode.mock.script({ match: marker, turns: turnsFor('runsLong', request.workingDirectory, TURNS) });
      const run = startedRun(await runtime.start(request));
      await firstEvent(run, (e: RunEvent): e is RunEvent => e.type === 'progress' && e.kind === 'tool');

      process.kill(opencode.server.process.pid, 'SIGKILL');
      const startedWaiting = Date.now();
      const outcome = await run.outcome();

      expect(outcome).toMatchObject({ status: 'failed', code: 'TASK.RUN_LOST', retryable: true, message: expect.stringContaining('could not be reached') });
      expect(Date.now() - startedWaiting).toBeLessThan(15_000);
      expect((await allEvents(run)).at(-1)).toMatchObject({ type: 'ended', outcome });
      expect((await runtime.start({ ...request, runId: `${request.runId}-again` })).started).toBe(false);
    } finally {
      await runtime.close();
    }
  });
});
