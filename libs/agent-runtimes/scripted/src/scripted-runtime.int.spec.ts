import type { TaskRunRequest } from '@orch/application';
import { agentRuntimeContract, type RunBehaviour } from '@orch/testing';
import { ScriptedAgentRuntime } from './scripted-runtime';

const DIRECTIVE: Record<RunBehaviour, string> = {
  completes: '',
  fails: '[script:fail]',
  hangs: '[script:hang]',
  asksPermission: '[script:ask-permission]',
  runsLong: '[script:slow]',
};

agentRuntimeContract('scripted', async () => new ScriptedAgentRuntime({ stepDelayMs: 10, slowFactor: 25 }), {
  agent: { agentId: 'agent-scripted', agentType: 'implementer', runtime: { kind: 'scripted', config: { scenario: 'default' } } },
  behave: (behaviour: RunBehaviour, request: TaskRunRequest) => ({
    ...request,
    instructions: `${request.instructions}\n${DIRECTIVE[behaviour]}`,
  }),
  afterRestart: 'unknown_run',
  afterDeny: { status: 'failed', code: 'TASK.PERMISSION_DENIED', retryable: false },
  promptlyMs: 500,
  hangLimitMs: 300,
  quietMs: 100,
});
