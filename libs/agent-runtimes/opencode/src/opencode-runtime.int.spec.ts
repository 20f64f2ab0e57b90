import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskRunRequest } from '@orch/application';
import { agentRuntimeContract, type RunBehaviour } from '@orch/testing';
import { errorTurn, hangTurn, startOpenAiChatCompletionsMock, textTurn, toolCallTurn, type ModelMock } from '@orch/testing/model-mocks';
import { OpencodeAgentRuntime } from './opencode-runtime';
import { startTestOpencodeServer, type TestOpencodeServer } from './testing/opencode-test-server';
import { scriptedRequest, turnsFor } from './testing/scripted-behaviours';

const TURNS = { text: textTurn, toolCall: toolCallTurn, error: errorTurn, hang: hangTurn };

// One real `opencode serve` (with the scripted model behind it) for the whole file: it starts in
// seconds, and one server serves every run's directory (`?directory=`), as in production.
let mock: ModelMock;
let server: TestOpencodeServer;
let dataDir: string;

beforeAll(async () => {
  mock = await startOpenAiChatCompletionsMock();
  server = await startTestOpencodeServer(mock.baseUrl);
  dataDir = await mkdtemp(join(tmpdir(), 'opencode-runtime-'));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await mock?.close();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
});

function behave(behaviour: RunBehaviour, plain: TaskRunRequest): TaskRunRequest {
  const { request, marker } = scriptedRequest(behaviour, plain);
  mock.script({ match: marker, turns: turnsFor(behaviour, request.workingDirectory, TURNS) });
  return request;
}

agentRuntimeContract(
  'opencode (a real opencode serve, the scripted model behind it)',
  async () =>
    new OpencodeAgentRuntime({
      dataDir,
      resolveSecret: async (name) => (name === 'opencode-test' ? server.password : undefined),
      timing: { pollMs: 500 },
    }),
  {
    agent: {
      agentId: 'agent-opencode',
      agentType: 'implementer',
      runtime: { kind: 'opencode', config: { get baseUrl() { return server.url; }, agent: 'build', passwordRef: 'secret:opencode-test' } },
    },
    behave,
    afterRestart: 'reattaches',
    afterDeny: { status: 'failed', code: 'TASK.PERMISSION_DENIED', retryable: false },
    promptlyMs: 5_000,
    hangLimitMs: 20_000,
    quietMs: 500,
    testTimeoutMs: 120_000,
  },
);
