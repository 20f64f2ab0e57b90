import { createHash } from 'node:crypto';
import type { RunAgent, TaskRunRequest } from '@orch/application';
import { agentRuntimeContract, createTestDatabase, ReferenceAgent, type RunBehaviour, type TestDatabase } from '@orch/testing';
import { HttpAgentRuntime } from './http-runtime';
import { agentSigningSecret } from './signing-secret';
import { ProtocolTestServer } from './test-support/protocol-server';

const ENGINE_SECRET = 'contract-engine-secret-of-at-least-32-chars';
const TENANT = 'tenant-contract';
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const PUSH = { agentId: 'agent-http-push', token: 'orch_agent_push_contract_token' };
const PULL = { agentId: 'agent-http-pull', token: 'orch_agent_pull_contract_token' };

let database: TestDatabase;
let server: ProtocolTestServer;
let pushAgent: ReferenceAgent;
let pullAgent: ReferenceAgent;

beforeAll(async () => {
  database = await createTestDatabase('http_runtime');
  const agents = new Map([PUSH, PULL].map(({ agentId, token }) => [token, { agentId, tenantId: TENANT }]));
  server = await ProtocolTestServer.start(database.connectionString, agents);
  const signingSecret = agentSigningSecret(ENGINE_SECRET, PUSH.agentId, sha256(PUSH.token));
  pushAgent = await ReferenceAgent.start({ apiUrl: server.apiUrl, ...PUSH, mode: 'push', signingSecret });
  pullAgent = await ReferenceAgent.start({ apiUrl: server.apiUrl, ...PULL, mode: 'pull' });
}, 30_000);

afterAll(async () => {
  await pushAgent?.close();
  await pullAgent?.close();
  await server?.close();
  await database?.drop();
});

const makeRuntime = async () =>
  new HttpAgentRuntime({
    connectionString: database.connectionString,
    signingSecret: (agentId, tokenHash) => agentSigningSecret(ENGINE_SECRET, agentId, tokenHash),
    apiUrl: () => server.apiUrl,
    pollMs: 200,
  });

const directive = (behaviour: RunBehaviour, request: TaskRunRequest): TaskRunRequest => ({ ...request, instructions: `${request.instructions}\n[agent:${behaviour}]` });
const TIMING = { promptlyMs: 2_000, hangLimitMs: 1_000, quietMs: 300, testTimeoutMs: 30_000 };
const common = { behave: directive, afterRestart: 'reattaches' as const, permissionRequests: 'never' as const, afterDeny: {}, ...TIMING };

agentRuntimeContract('http (push mode: the reference agent takes signed tasks at its endpoint)', makeRuntime, {
  ...common,
  // Read when a test runs: the agent's endpoint exists only once beforeAll has started it.
  get agent(): RunAgent {
    return { agentId: PUSH.agentId, agentType: 'implementer', runtime: { kind: 'http', config: { endpointUrl: pushAgent.endpointUrl, tokenHash: sha256(PUSH.token) } } };
  },
});

agentRuntimeContract('http (pull mode: the reference agent long-polls for its tasks)', makeRuntime, {
  ...common,
  agent: { agentId: PULL.agentId, agentType: 'implementer', runtime: { kind: 'http', config: { tokenHash: sha256(PULL.token) } } },
});
