import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunAgent } from '@orch/application';
import { aRunRequest, startedRun } from '@orch/testing';
import { errorTurn, hangTurn, startOpenAiChatCompletionsMock, textTurn, toolCallTurn } from '@orch/testing/model-mocks';
import { OpencodeAgentRuntime } from './opencode-runtime';
import type { SessionMessage } from './opencode-types';
import { decodeRunRef, encodeRunRef } from './runtime-ref';
import { basicAuthorization } from './server-environment';
import { startPromptBreakingProxy } from './testing/prompt-breaking-proxy';
import { opencodeSpecFixture } from './testing/opencode-spec-fixture';
import { scriptedRequest, turnsFor } from './testing/scripted-behaviours';

const TURNS = { text: textTurn, toolCall: toolCallTurn, error: errorTurn, hang: hangTurn };

const opencode = opencodeSpecFixture('opencode-resend-', startOpenAiChatCompletionsMock);
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
  const url = new URL(`/session/${ref.sessionId}/message`, opencode.server.url);
  url.searchParams.set('directory', ref.directory);
  const messages = (await (await fetch(url, { headers: { authorization: basicAuthorization(opencode.server.password) } })).json()) as SessionMessage[];
  return messages.filter((m) => m.info.role === 'user' && m.parts.some((p) => p.type === 'text' && p.metadata?.['orchRunId'] === runId)).length;
}

function runtimeFor(name: string, errors: string[]): OpencodeAgentRuntime {
  return new OpencodeAgentRuntime({
    dataDir: join(opencode.root, `data-${name}`),
    resolveSecret: async (secret) => (secret === 'opencode-test' ? opencode.server.password : undefined),
    timing: { pollMs: 300, onError: (message) => errors.push(message) },
  });
}

describe('opencode runtime when the connection of its prompt breaks', () => {
  it.each([
    ['before OpenCode has the prompt', 'before', 2],
    ['after OpenCode took the prompt and answered', 'after', 1],
  ] as const)('given it breaks %s, the run starts and completes with the prompt sent exactly once', async (_label, when, promptsAtProxy) => {
    const proxy = await startPromptBreakingProxy(opencode.server.url, when);
    const errors: string[] = [];
    const runtime = runtimeFor(when, errors);
    try {
      const workingDirectory = await mkdtemp(join(opencode.root, 'task-'));
      const { request, marker } = scriptedRequest('completes', aRunRequest(agentAt(proxy.url), workingDirectory));
      opencode.mock.script({ match: marker, turns: turnsFor('completes', workingDirectory, TURNS) });

      const run = startedRun(await runtime.start(request));

      expect(await run.outcome()).toMatchObject({ status: 'completed' });
      expect(proxy.prompts).toBe(promptsAtProxy);
      expect(await promptsOfRun(run.runtimeRef, request.runId)).toBe(1);
      expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^sending the prompt of .* \(looking for it for 5000 ms, then sending it again\)$/)]));
    } finally {
      await runtime.close();
      await proxy.close();
    }
  });

  it('given it breaks on every send, the start is refused (retryable) after three sends, the prompt is not in the session, and the session is stopped', async () => {
    const proxy = await startPromptBreakingProxy(opencode.server.url, 'always');
    const errors: string[] = [];
    const runtime = runtimeFor('always', errors);
    try {
      const request = aRunRequest(agentAt(proxy.url), await mkdtemp(join(opencode.root, 'task-')));

      const start = await runtime.start(request);

      expect(start).toEqual({ started: false, failure: { code: 'TASK.START_FAILED', message: expect.stringMatching(/sending the prompt answered nothing: fetch failed \(/), retryable: true } });
      expect(proxy.prompts).toBe(3);
      expect(proxy.requests.filter((r) => /^POST \/session\/[^/]+\/abort$/.test(r))).toHaveLength(1);
      const sessionId = proxy.requests.find((r) => r.endsWith('/prompt_async'))?.split('/')[2] ?? '';
      const ref = encodeRunRef({ server: { kind: 'external', baseUrl: proxy.url, passwordRef: 'secret:opencode-test' }, sessionId, directory: request.workingDirectory });
      expect(await promptsOfRun(ref, request.runId)).toBe(0);
    } finally {
      await runtime.close();
      await proxy.close();
    }
  });
});
