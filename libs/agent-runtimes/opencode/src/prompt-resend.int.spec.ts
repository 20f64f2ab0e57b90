import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunAgent } from '@orch/application';
import { aRunRequest, startedRun } from '@orch/testing';
import { errorTurn, hangTurn, startOpenAiChatCompletionsMock, textTurn, toolCallTurn, type ModelMock } from '@orch/testing/model-mocks';
import { OpencodeAgentRuntime } from './opencode-runtime';
import type { SessionMessage } from './opencode-types';
import { decodeRunRef } from './runtime-ref';
import { basicAuthorization } from './server-environment';
import { startPromptBreakingProxy } from './testing/prompt-breaking-proxy';
import { startTestOpencodeServer, type TestOpencodeServer } from './testing/opencode-test-server';
import { scriptedRequest, turnsFor } from './testing/scripted-behaviours';

const TURNS = { text: textTurn, toolCall: toolCallTurn, error: errorTurn, hang: hangTurn };

let mock: ModelMock;
let server: TestOpencodeServer;
let root: string;

beforeAll(async () => {
  mock = await startOpenAiChatCompletionsMock();
  server = await startTestOpencodeServer(mock.baseUrl);
  root = await mkdtemp(join(tmpdir(), 'opencode-resend-'));
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await mock?.close();
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});
jest.setTimeout(120_000);

const agentAt = (baseUrl: string): RunAgent => ({
  agentId: 'agent-opencode-resend',
  agentType: 'implementer',
  runtime: { kind: 'opencode', config: { baseUrl, agent: 'build', passwordRef: 'secret:opencode-test' } },
});

/** The session's user messages that carry this run's prompt, read from OpenCode itself. */
async function promptsOfRun(runtimeRef: string, runId: string): Promise<number> {
  const ref = decodeRunRef(runtimeRef);
  if (ref === undefined) throw new Error(`not a runtime ref: ${runtimeRef}`);
  const url = new URL(`/session/${ref.sessionId}/message`, server.url);
  url.searchParams.set('directory', ref.directory);
  const messages = (await (await fetch(url, { headers: { authorization: basicAuthorization(server.password) } })).json()) as SessionMessage[];
  return messages.filter((m) => m.info.role === 'user' && m.parts.some((p) => p.type === 'text' && p.metadata?.['orchRunId'] === runId)).length;
}

describe('opencode runtime when the connection of its prompt breaks', () => {
  it.each([
    ['before OpenCode has the prompt', 'before', 2],
    ['after OpenCode took the prompt and answered', 'after', 1],
  ] as const)('given it breaks %s, the run starts and completes with the prompt sent exactly once', async (_label, when, promptsAtProxy) => {
    const proxy = await startPromptBreakingProxy(server.url, when);
    const errors: string[] = [];
    const runtime = new OpencodeAgentRuntime({
      dataDir: join(root, `data-${when}`),
      resolveSecret: async (name) => (name === 'opencode-test' ? server.password : undefined),
      timing: { pollMs: 300, onError: (message) => errors.push(message) },
    });
    try {
      const workingDirectory = await mkdtemp(join(root, 'task-'));
      const { request, marker } = scriptedRequest('completes', aRunRequest(agentAt(proxy.url), workingDirectory));
      mock.script({ match: marker, turns: turnsFor('completes', workingDirectory, TURNS) });

      const run = startedRun(await runtime.start(request));

      expect(await run.outcome()).toMatchObject({ status: 'completed' });
      expect(proxy.prompts).toBe(promptsAtProxy);
      expect(await promptsOfRun(run.runtimeRef, request.runId)).toBe(1);
      expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^sending the prompt of .* \(trying again in 250 ms\)$/)]));
    } finally {
      await runtime.close();
      await proxy.close();
    }
  });
});
