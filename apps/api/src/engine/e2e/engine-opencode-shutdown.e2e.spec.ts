import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOpenAiChatCompletionsMock, textTurn, type ModelMock } from '@orch/testing/model-mocks';
import { engineApi, explicitPlan, type EngineHarness } from './engine-harness';

function opencodeConfig(modelBaseUrl: string): Record<string, unknown> {
  return {
    provider: { mock: { npm: '@ai-sdk/openai-compatible', name: 'Scripted model', options: { baseURL: modelBaseUrl, apiKey: 'mock-key' }, models: { scripted: { name: 'Scripted' } } } },
    model: 'mock/scripted',
    small_model: 'mock/scripted',
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('given an api with the engine role and an OpenCode run in flight', () => {
  let mock: ModelMock;
  let h: EngineHarness | undefined;

  beforeAll(async () => {
    mock = await startOpenAiChatCompletionsMock({ model: 'scripted' });
  });
  afterAll(async () => {
    await h?.close();
    await mock?.close();
  });

  it('when the api gets SIGTERM, then it shuts down in full: it exits 143 by itself and its own OpenCode server is stopped', async () => {
    // A model turn that outlasts the test: the run is still in flight when the signal comes.
    mock.script({ match: 'Build the slow part', turns: [textTurn('Thinking…', { delayMs: 120_000 })] });
    h = await engineApi({ ORCH_OPENCODE_CONFIG: JSON.stringify(opencodeConfig(mock.baseUrl)), LOG_LEVEL: 'info' });
    const agent = { name: 'opencode-build', agentType: 'implementer', model: 'mock/scripted', primaryCapabilities: ['code_generation'], runtime: { kind: 'opencode', config: { agent: 'build' } } };
    expect((await h.admin.post('/agents', agent)).status).toBe(201);
    const id = await h.createSession({ modelIdentifier: 'mock/scripted', planning: explicitPlan({ id: 'slow' }) });
    await h.start(id);
    await h.waitForType(id, 'TaskStarted', 120_000);
    const server = JSON.parse(readFileSync(join(h.api.dataDir, 'opencode', 'server', 'server.json'), 'utf8')) as { pid: number };
    expect(alive(server.pid)).toBe(true);

    await h.api.kill('SIGTERM');

    // Ended by its own shutdown (process.exit(143)), not by the signal's default action halfway through it.
    expect({ exitCode: h.api.exitCode(), failed: /shutdown failed/.test(h.api.output()) }).toEqual({ exitCode: 143, failed: false });
    expect(await gone(server.pid, 10_000)).toBe(true);
  }, 300_000);
});
