import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOpenAiChatCompletionsMock, textTurn, toolCallTurn, type ModelMock } from '@orch/testing/model-mocks';
import { engineApi, explicitPlan, type EngineHarness } from './engine-harness';

/** OpenCode's own config for the engine's server: the scripted model, and an agent that asks before it edits. */
function opencodeConfig(modelBaseUrl: string): Record<string, unknown> {
  return {
    provider: { mock: { npm: '@ai-sdk/openai-compatible', name: 'Scripted model', options: { baseURL: modelBaseUrl, apiKey: 'mock-key' }, models: { scripted: { name: 'Scripted', cost: { input: 3, output: 15 } } } } },
    model: 'mock/scripted',
    small_model: 'mock/scripted',
    agent: { careful: { mode: 'primary', description: 'asks before editing', permission: { edit: 'ask' } } },
  };
}

const FILES: Record<string, string> = { alpha: 'src/alpha.ts', beta: 'src/beta.ts', gamma: 'docs/gamma.md' };

describe('given the engine driving the real OpenCode server (pinned opencode-ai) with a scripted model behind it', () => {
  let mock: ModelMock;
  let h: EngineHarness;

  beforeAll(async () => {
    mock = await startOpenAiChatCompletionsMock({ model: 'scripted' });
    for (const [task, file] of Object.entries(FILES)) {
      mock.script({
        match: `Build the ${task} part`,
        turns: [toolCallTurn('write', { filePath: file, content: `// ${task}, written by OpenCode\nexport const ${task} = true;\n` }, { text: `Writing ${file}.` }), textTurn(`Wrote ${file}.`)],
      });
    }
    h = await engineApi({ ORCH_OPENCODE_CONFIG: JSON.stringify(opencodeConfig(mock.baseUrl)) });
    for (const agent of [
      { name: 'opencode-build', primaryCapabilities: ['code_generation'], runtime: { kind: 'opencode', config: { agent: 'build' } } },
      { name: 'opencode-careful', primaryCapabilities: ['documentation'], runtime: { kind: 'opencode', config: { agent: 'careful' } } },
    ]) {
      expect((await h.admin.post('/agents', { agentType: 'implementer', model: 'mock/scripted', ...agent })).status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await mock?.close();
  });

  it('when a session of three tasks runs (one agent asks before editing), then the permission is answered through the api, every file is in the result branch and tokens are recorded', async () => {
    const id = await h.createSession({
      modelIdentifier: 'mock/scripted',
      agentPreference: { agentType: 'implementer' },
      planning: explicitPlan({ id: 'alpha' }, { id: 'beta', dependsOn: ['alpha'] }, { id: 'gamma', capabilities: ['documentation'] }),
    });
    await h.start(id);
    const asked = await h.waitForType(id, 'TaskPermissionRequested', 180_000);
    expect(asked.data).toMatchObject({ taskId: 'gamma' });
    const answer = await h.admin.post(`/sessions/${id}/tasks/gamma/permissions/${asked.data['requestId']}`, { answer: 'allow', reason: 'docs may be edited' });
    expect(answer.status).toBe(200);
    expect(await h.waitForEnd(id, 240_000)).toBe('SessionCompleted');

    const events = await h.sessionEvents(id);
    const usage = events.filter((e) => e.type === 'TaskUsageRecorded');
    expect(usage.reduce((sum, e) => sum + (e.data['tokensIn'] as number), 0)).toBeGreaterThan(0);
    expect(usage.reduce((sum, e) => sum + (e.data['costUsd'] as number), 0)).toBeGreaterThan(0);
    expect(events.find((e) => e.type === 'TaskPermissionAnswered')?.data).toMatchObject({ answer: 'allow', answeredBy: 'operator' });
    const repo = join(h.api.dataDir, 'workspaces', 'default', id, 'repo.git');
    const files = execFileSync('git', ['--git-dir', repo, 'ls-tree', '-r', '--name-only', `orch/${id}`], { encoding: 'utf8' }).split('\n');
    for (const file of Object.values(FILES)) expect(files).toContain(file);
    expect(mock.requests.filter((r) => r.path === '/v1/chat/completions').length).toBeGreaterThanOrEqual(6);
  }, 300_000);

  it('when the OpenCode server is killed mid-task, then the run is lost and retried on a restarted server, and the session still completes', async () => {
    // The first attempt's model turn takes long enough to kill the server under it; the retry answers at once.
    mock.script({ match: 'Build the delta part', turns: [textTurn('Thinking about delta…', { delayMs: 60_000 })] });
    mock.script({ match: 'Build the delta part', turns: [toolCallTurn('write', { filePath: 'src/delta.ts', content: 'export const delta = true;\n' }), textTurn('Wrote src/delta.ts.')] });
    const id = await h.createSession({ modelIdentifier: 'mock/scripted', planning: explicitPlan({ id: 'delta' }) });
    await h.start(id);
    await h.waitForType(id, 'TaskStarted', 120_000);
    const record = JSON.parse(readFileSync(join(h.api.dataDir, 'opencode', 'server', 'server.json'), 'utf8')) as { pid: number };
    process.kill(record.pid, 'SIGKILL');
    expect(await h.waitForEnd(id, 240_000)).toBe('SessionCompleted');
    const events = await h.sessionEvents(id);
    const interrupted = events.find((e) => e.type === 'TaskInterrupted');
    const failed = events.find((e) => e.type === 'TaskFailed');
    // A lost run is either an agent_lost interruption or a retryable failure; either way a second attempt completes it.
    expect(interrupted?.data['cause'] ?? failed?.data['retryable']).toEqual(interrupted ? 'agent_lost' : true);
    expect(events.filter((e) => e.type === 'TaskStarted').map((e) => e.data['attempt'])).toEqual([1, 2]);
    expect(events.filter((e) => e.type === 'TaskCompleted')).toHaveLength(1);
  }, 300_000);
});
