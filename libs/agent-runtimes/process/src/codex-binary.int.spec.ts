import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunAgent } from '@orch/application';
import { allEvents, aRunRequest, firstEvent, isProgress, startedRun } from '@orch/testing';
import { hangTurn, startOpenAiResponsesMock, textTurn, toolCallTurn, type ModelMock } from '@orch/testing/model-mocks';
import { ProcessAgentRuntime } from './process-runtime';
import { agentSandbox, binary, processesIn, type AgentSandbox } from './test-support/isolated-agent-home';

// The real `codex` (Codex CLI 0.171.0, node_modules/.bin) against the Responses mock, with its
// own HOME and CODEX_HOME per test. Offline switches: analytics off, and the plugin, remote plugin
// and apps features off (with them on, every start runs `git ls-remote https://github.com/openai/plugins.git`).
jest.setTimeout(60_000);

const API_KEY = 'sk-mock-0123456789';
const PRICES = { 'gpt-5-codex': { input: 1.25, cachedInput: 0.125, output: 10 } };

describe('the codex preset with the real Codex binary', () => {
  let box: AgentSandbox;
  let mock: ModelMock;
  let runtime: ProcessAgentRuntime;

  const codex = (): RunAgent => ({
    agentId: 'agent-codex',
    agentType: 'implementer',
    runtime: {
      kind: 'process',
      config: {
        preset: 'codex',
        command: binary('codex'),
        args: [
          '-c',
          'analytics.enabled=false',
          '--disable',
          'plugins',
          '--disable',
          'remote_plugin',
          '--disable',
          'apps',
          '-c',
          'model_provider="mock"',
          '-c',
          `model_providers.mock={name="mock",base_url="${mock.baseUrl}",env_key="MOCK_API_KEY",wire_api="responses"}`,
          '-m',
          'gpt-5-codex',
        ],
        env: { HOME: box.home, CODEX_HOME: join(box.home, '.codex'), MOCK_API_KEY: 'secret:openai' },
      },
    },
  });
  const request = (limits = { maxDurationMs: 45_000 }) => aRunRequest(codex(), box.work, { limits });

  beforeEach(async () => {
    box = await agentSandbox('codex-binary');
    await mkdir(join(box.home, '.codex'));
    mock = await startOpenAiResponsesMock();
    runtime = new ProcessAgentRuntime({ secrets: (name) => (name === 'openai' ? API_KEY : undefined), prices: PRICES, killGraceMs: 2_000 });
  });
  afterEach(async () => {
    await runtime.close();
    await mock.close();
    await box.remove();
  });

  it('completes a task that writes a file with a shell command in its sandbox, with the tokens of the turn priced', async () => {
    const cmd = "mkdir -p src && printf 'export const greet = (name: string): string => `Hello, ${name}!`;\\n' > src/greeting.ts";
    mock.script({
      turns: [
        toolCallTurn('exec_command', { cmd, workdir: box.work }, { text: "I'll add the greeting module.", usage: { inputTokens: 5000, outputTokens: 40, cachedInputTokens: 1000 } }),
        textTurn('Added src/greeting.ts with greet(name).', { usage: { inputTokens: 5200, outputTokens: 30 } }),
      ],
    });

    const run = startedRun(await runtime.start(request()));
    const outcome = await run.outcome();

    // 9,200 fresh input tokens at 1.25, 1,000 cached at 0.125, 70 output at 10 (USD per million).
    expect(outcome).toEqual({
      status: 'completed',
      summary: 'Added src/greeting.ts with greet(name).',
      changedFiles: ['src/greeting.ts'],
      usage: { tokensIn: 10_200, tokensOut: 70, costUsd: 0.012325, apiCalls: 2, apiErrors: 0 },
    });
    expect(await readFile(join(box.work, 'src/greeting.ts'), 'utf8')).toBe('export const greet = (name: string): string => `Hello, ${name}!`;\n');
    const tools = (await allEvents(run)).filter(isProgress).filter((e) => e.kind === 'tool');
    expect(tools.map((e) => e.tool)).toEqual([
      { name: 'command', status: 'in_progress' },
      { name: 'command', status: 'completed' },
    ]);
    expect(mock.requests.map((r) => r.headers['authorization'])).toEqual([`Bearer ${API_KEY}`, `Bearer ${API_KEY}`]);
    expect(JSON.stringify(mock.requests[0]?.body)).toContain('Implement the greeting service');
  });

  it("takes an operator's prompt as the next turn of its thread, through codex exec resume", async () => {
    const cmd = "printf 'export const farewell = (name: string): string => `Bye, ${name}!`;\\n' > farewell.ts";
    mock.script({
      turns: [textTurn('Planned the greeting service.', { delayMs: 2_000 }), toolCallTurn('exec_command', { cmd, workdir: box.work }), textTurn('Also added a farewell function, as asked.')],
    });

    const run = startedRun(await runtime.start(request()));
    await firstEvent(run, isProgress);
    expect(await run.injectPrompt({ injectionId: 'inj-1', text: 'Also add a farewell function' })).toBe('delivered');

    expect(await run.outcome()).toMatchObject({ status: 'completed', summary: 'Also added a farewell function, as asked.', changedFiles: ['farewell.ts'] });
    const events = await allEvents(run);
    expect(events.filter((e) => e.type === 'prompt_delivered')).toEqual([{ type: 'prompt_delivered', seq: expect.any(Number), injectionId: 'inj-1' }]);
    expect(events.filter((e) => e.type === 'usage')).toHaveLength(2);
    expect(new Set(mock.requests.map((r) => r.conversation)).size).toBe(1);
    expect(JSON.stringify(mock.requests[1]?.body)).toContain('Also add a farewell function');
  });

  it('raises no permission request: codex exec itself refuses an escalated command, and the agent carries on', async () => {
    const outside = join(box.root, 'outside.txt');
    mock.script({
      turns: [
        toolCallTurn('exec_command', { cmd: `printf x > ${outside}`, sandbox_permissions: 'require_escalated', justification: 'write outside the workspace' }),
        textTurn('Escalation is not allowed here; stopping.'),
      ],
    });

    const run = startedRun(await runtime.start(request()));

    expect(await run.outcome()).toMatchObject({ status: 'completed', changedFiles: [] });
    expect((await allEvents(run)).filter((e) => e.type === 'permission_requested')).toEqual([]);
    expect(JSON.stringify(mock.requests[1]?.body)).toContain('approval policy is Never');
    await expect(stat(outside)).rejects.toThrow();
  });

  it('times out a model that never answers, leaving no process behind', async () => {
    mock.script({ turns: [hangTurn()] });

    const run = startedRun(await runtime.start(request({ maxDurationMs: 6_000 })));

    expect(await run.outcome()).toMatchObject({ status: 'failed', code: 'TASK.TIMED_OUT', retryable: true });
    await run.abort('cleanup');
    expect(await processesIn(box.work)).toEqual([]);
  });
});
