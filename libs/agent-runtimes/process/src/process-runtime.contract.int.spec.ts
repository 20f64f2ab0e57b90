import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProcessRuntimeConfig } from '@orch/domain-agent';
import type { RunAgent, TaskRunRequest } from '@orch/application';
import { agentRuntimeContract, type RunBehaviour } from '@orch/testing';
import { ProcessAgentRuntime } from './process-runtime';

const FIXTURES = join(__dirname, 'test-fixtures');
// Where the Codex stand-in keeps its threads, as the real one does under CODEX_HOME.
const codexHome = mkdtempSync(join(tmpdir(), 'codex-replay-home-'));
afterAll(() => rmSync(codexHome, { recursive: true, force: true }));

const agent = (agentId: string, config: ProcessRuntimeConfig): RunAgent => ({ agentId, agentType: 'implementer', runtime: { kind: 'process', config } });
const directive = (word: string) => (behaviour: RunBehaviour, request: TaskRunRequest) => ({ ...request, instructions: `${request.instructions}\n[${word}:${behaviour}]` });
const TIMING = { promptlyMs: 2_500, hangLimitMs: 1_500, quietMs: 300, testTimeoutMs: 30_000 };

agentRuntimeContract('process (claude-code preset, replaying recorded Claude Code stream-json)', async () => new ProcessAgentRuntime({ killGraceMs: 1_000 }), {
  agent: agent('agent-claude-replay', { preset: 'claude-code', command: join(FIXTURES, 'claude-replay.mjs'), args: [], env: {} }),
  behave: directive('replay'),
  afterRestart: 'unknown_run',
  afterDeny: { status: 'failed', code: 'TASK.PERMISSION_DENIED', retryable: false },
  ...TIMING,
});

agentRuntimeContract(
  'process (codex preset, replaying recorded Codex JSONL)',
  async () => new ProcessAgentRuntime({ killGraceMs: 1_000, prices: { '*': { input: 1.25, cachedInput: 0.125, output: 10 } } }),
  {
    agent: agent('agent-codex-replay', { preset: 'codex', command: join(FIXTURES, 'codex-replay.mjs'), args: [], env: { CODEX_HOME: codexHome } }),
    behave: directive('replay'),
    afterRestart: 'unknown_run',
    // `codex exec` runs with approval policy `never`: it refuses escalations itself and never asks.
    permissionRequests: 'never',
    afterDeny: {},
    ...TIMING,
  },
);

agentRuntimeContract('process (generic preset, the reference JSON-lines agent)', async () => new ProcessAgentRuntime({ killGraceMs: 1_000 }), {
  agent: agent('agent-generic', { preset: 'generic', command: join(FIXTURES, 'generic-agent.mjs'), args: [], env: {} }),
  behave: directive('agent'),
  afterRestart: 'unknown_run',
  afterDeny: { status: 'failed', code: 'TASK.PERMISSION_DENIED', retryable: false },
  ...TIMING,
});
