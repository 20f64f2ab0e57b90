import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunAgent } from '@orch/application';
import { allEvents, aRunRequest, firstEvent, isPermissionRequest, isProgress, startedRun } from '@orch/testing';
import { hangTurn, startAnthropicMessagesMock, textTurn, toolCallTurn, type ModelMock } from '@orch/testing/model-mocks';
import { ProcessAgentRuntime } from './process-runtime';
import { agentSandbox, binary, processesIn, type AgentSandbox } from './test-support/isolated-agent-home';

// The real `claude` (Claude Code 2.1.332, node_modules/.bin) against the Anthropic Messages mock:
// its own HOME and config dir per test, and every switch for non-essential traffic off, so the
// only connection it makes is to the mock (checked with strace while writing this suite).
jest.setTimeout(60_000);

const API_KEY = 'sk-ant-mock-0123456789';

describe('the claude-code preset with the real Claude Code binary', () => {
  let box: AgentSandbox;
  let mock: ModelMock;
  let runtime: ProcessAgentRuntime;

  const claude = (): RunAgent => ({
    agentId: 'agent-claude',
    agentType: 'implementer',
    runtime: {
      kind: 'process',
      config: {
        preset: 'claude-code',
        command: binary('claude'),
        args: [],
        env: {
          HOME: box.home,
          CLAUDE_CONFIG_DIR: join(box.home, '.claude'),
          ANTHROPIC_BASE_URL: mock.baseUrl,
          ANTHROPIC_API_KEY: 'secret:anthropic',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          DISABLE_AUTOUPDATER: '1',
          DISABLE_TELEMETRY: '1',
          DISABLE_ERROR_REPORTING: '1',
          CLAUDE_CODE_MAX_RETRIES: '1',
        },
      },
    },
  });
  const request = (limits = { maxDurationMs: 45_000 }) => aRunRequest(claude(), box.work, { limits });

  beforeEach(async () => {
    box = await agentSandbox('claude-binary');
    mock = await startAnthropicMessagesMock({ model: 'claude-sonnet-4-5-20250929' });
    runtime = new ProcessAgentRuntime({ secrets: (name) => (name === 'anthropic' ? API_KEY : undefined), killGraceMs: 2_000 });
  });
  afterEach(async () => {
    await runtime.close();
    await mock.close();
    await box.remove();
  });

  it('completes a task that writes a file through its Write tool, with the tokens of the turn and its own cost', async () => {
    const content = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
    mock.script({
      turns: [
        toolCallTurn('Write', { file_path: join(box.work, 'src/greeting.ts'), content }, { text: 'Writing the greeting service.', usage: { inputTokens: 2000, outputTokens: 40 } }),
        textTurn('Added src/greeting.ts with greet(name).', { usage: { inputTokens: 2100, outputTokens: 12 } }),
      ],
    });

    const run = startedRun(await runtime.start(request()));
    const outcome = await run.outcome();

    expect(outcome).toEqual({
      status: 'completed',
      summary: 'Added src/greeting.ts with greet(name).',
      changedFiles: ['src/greeting.ts'],
      usage: { tokensIn: 4100, tokensOut: 52, costUsd: expect.any(Number), apiCalls: 2, apiErrors: 0 },
    });
    expect(outcome.usage.costUsd).toBeGreaterThan(0);
    expect(await readFile(join(box.work, 'src/greeting.ts'), 'utf8')).toBe(content);
    const tools = (await allEvents(run)).filter(isProgress).filter((e) => e.kind === 'tool');
    expect(tools.map((e) => e.tool)).toEqual([
      { name: 'Write', status: 'started' },
      { name: 'Write', status: 'completed' },
    ]);
    const calls = mock.requests.filter((r) => r.path.startsWith('/v1/messages') && r.turnIndex !== undefined);
    expect(calls.map((r) => r.headers['x-api-key'])).toEqual([API_KEY, API_KEY]);
    expect(JSON.stringify(calls[0]?.body)).toContain('Implement the greeting service');
    expect(JSON.stringify(calls[1]?.body)).toContain('File created successfully');
  });

  it('asks the operator before a shell command, and runs it once allowed', async () => {
    const command = "node -e \"require('fs').writeFileSync('notes.md', 'greeting service: done\\n')\"";
    mock.script({ turns: [toolCallTurn('Bash', { command, description: 'Write the task note' }), textTurn('Wrote notes.md.')] });

    const run = startedRun(await runtime.start(request()));
    const asked = await firstEvent(run, isPermissionRequest);
    expect(asked).toMatchObject({ tool: 'Bash', description: expect.stringContaining('node -e') });
    expect(await run.status()).toMatchObject({ phase: 'awaiting_permission' });

    expect(await run.answerPermission(asked.requestId, 'allow')).toBe('accepted');
    expect(await run.outcome()).toMatchObject({ status: 'completed', summary: 'Wrote notes.md.', changedFiles: ['notes.md'] });
    expect(await readFile(join(box.work, 'notes.md'), 'utf8')).toBe('greeting service: done\n');
  });

  it('ends TASK.PERMISSION_DENIED when the operator denies: the denial interrupts the turn', async () => {
    mock.script({ turns: [toolCallTurn('Bash', { command: 'node -e "1"', description: 'Run node' }), textTurn('should not be reached')] });

    const run = startedRun(await runtime.start(request()));
    const asked = await firstEvent(run, isPermissionRequest);
    await run.answerPermission(asked.requestId, 'deny');

    expect(await run.outcome()).toMatchObject({ status: 'failed', code: 'TASK.PERMISSION_DENIED', retryable: false });
    expect(mock.requests.filter((r) => r.turnIndex !== undefined)).toHaveLength(1);
  });

  it("takes an operator's prompt mid-run and answers it in a further turn", async () => {
    mock.script({ turns: [textTurn('Planned the greeting service.', { delayMs: 2_000 }), textTurn('Also added a farewell function, as asked.')] });

    const run = startedRun(await runtime.start(request()));
    await firstEvent(run, isProgress);
    expect(await run.injectPrompt({ injectionId: 'inj-1', text: 'Also add a farewell function' })).toBe('delivered');

    expect(await run.outcome()).toMatchObject({ status: 'completed', summary: 'Also added a farewell function, as asked.' });
    const events = await allEvents(run);
    const delivered = events.findIndex((e) => e.type === 'prompt_delivered');
    const taken = events.findIndex((e) => isProgress(e) && e.text === "Claude Code took the operator's prompt: Also add a farewell function");
    expect(delivered).toBeGreaterThan(0);
    expect(taken).toBeGreaterThan(delivered);
    expect(events.filter((e) => e.type === 'usage')).toHaveLength(2);
    expect(JSON.stringify(mock.requests.at(-1)?.body)).toContain('Also add a farewell function');
  });

  it('times out a model that never answers, leaving no process behind', async () => {
    mock.script({ turns: [hangTurn()] });

    const run = startedRun(await runtime.start(request({ maxDurationMs: 6_000 })));

    expect(await run.outcome()).toMatchObject({ status: 'failed', code: 'TASK.TIMED_OUT', retryable: true });
    await run.abort('cleanup');
    expect(await processesIn(box.work)).toEqual([]);
    expect((await stat(join(box.home, '.claude'))).isDirectory()).toBe(true);
  });
});
