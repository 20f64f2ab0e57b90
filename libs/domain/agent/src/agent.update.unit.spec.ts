import { spec } from '@orch/kernel/testing';
import { agentDecider } from './agent.decide';
import type { UpdateAgentData } from './agent.commands';
import type { AgentChanges } from './agent.events';
import type { RegisteredAgent } from './agent.state';
import { command, OTHER_TOKEN_HASH, play, registered, stateOf, T0, TOKEN_HASH } from './testing/agent.mother';

const update = (data: Omit<UpdateAgentData, 'agentId'>, meta: { reason?: string } = { reason: 'tuning' }) => command('UpdateAgent', data, meta);
const updated = (changes: AgentChanges) => [{ type: 'AgentUpdated' as const, data: { changes, at: T0 } }];
const httpAgent = registered({ runtime: { kind: 'http', config: { endpointUrl: 'https://a.example.com', tokenHash: TOKEN_HASH } } });

describe('UpdateAgent (§4.3)', () => {
  it('given an agent, when only the capacity differs, then AgentUpdated carries only the capacity', () => {
    spec(agentDecider)
      .given([registered()])
      .when(update({ capacity: 8, primaryCapabilities: ['testing', 'code_generation'], description: undefined }))
      .then(updated({ capacity: 8 }));
  });

  it('given an agent, when nothing differs, then nothing (no-op)', () => {
    spec(agentDecider)
      .given([registered()])
      .when(update({ capacity: 5, secondaryCapabilities: ['code_review'], runtime: { kind: 'scripted', config: { scenario: 'happy-path' } } }))
      .then([]);
  });

  it('given an agent, when updated without a reason, then COMMAND.REASON_REQUIRED', () => {
    spec(agentDecider).given([registered()]).when(update({ capacity: 8 }, { reason: undefined })).thenThrows('COMMAND.REASON_REQUIRED');
  });

  it('given an agent with a model, when model is null, then the model is removed', () => {
    const events = [registered({ model: 'openai/gpt-5' })];
    spec(agentDecider).given(events).when(update({ model: null })).then(updated({ model: null }));
    const after = stateOf(play([update({ model: null })], events)) as RegisteredAgent;
    expect(after.model).toBeUndefined();
  });

  it('given an agent, when capabilities and description change, then each appears once with its new value', () => {
    spec(agentDecider)
      .given([registered()])
      .when(update({ primaryCapabilities: ['refactoring'], secondaryCapabilities: ['debugging'], description: ' tidies ' }))
      .then(updated({ primaryCapabilities: ['refactoring'], secondaryCapabilities: ['debugging'], description: 'tidies' }));
  });

  it('given an agent, when capabilities leave the type or overlap, then AGENT.CAPABILITY_NOT_ALLOWED or COMMAND.FIELD_INVALID', () => {
    spec(agentDecider)
      .given([registered()])
      .when(update({ primaryCapabilities: ['code_review'] }))
      .thenThrows('AGENT.CAPABILITY_NOT_ALLOWED', { agentType: 'implementer', capability: 'code_review' });
    spec(agentDecider)
      .given([registered()])
      .when(update({ primaryCapabilities: ['testing'], secondaryCapabilities: ['testing'] }))
      .thenThrows('COMMAND.FIELD_INVALID', { field: 'secondaryCapabilities' });
  });

  it('given a scripted agent, when the runtime kind changes, then COMMAND.FIELD_INVALID (kind is immutable)', () => {
    spec(agentDecider)
      .given([registered()])
      .when(update({ runtime: { kind: 'process', config: { preset: 'codex' } } }))
      .thenThrows('COMMAND.FIELD_INVALID', { field: 'runtime.kind', rule: 'immutable' });
  });

  it('given a scripted agent, when the scenario changes, then the whole new runtime is recorded', () => {
    spec(agentDecider)
      .given([registered()])
      .when(update({ runtime: { kind: 'scripted', config: { scenario: 'flaky' } } }))
      .then(updated({ runtime: { kind: 'scripted', config: { scenario: 'flaky' } } }));
  });

  it('given an http agent, when its endpoint changes, then the token hash is kept', () => {
    spec(agentDecider)
      .given([httpAgent])
      .when(update({ runtime: { kind: 'http', config: { endpointUrl: 'https://b.example.com' } } }))
      .then(updated({ runtime: { kind: 'http', config: { endpointUrl: 'https://b.example.com', tokenHash: TOKEN_HASH } } }));
  });

  it('given an http agent, when an update carries another token hash, then AGENT.RUNTIME_CONFIG_INVALID', () => {
    spec(agentDecider)
      .given([httpAgent])
      .when(update({ runtime: { kind: 'http', config: { endpointUrl: 'https://a.example.com', tokenHash: OTHER_TOKEN_HASH } } }))
      .thenThrows('AGENT.RUNTIME_CONFIG_INVALID', { kind: 'http', field: 'tokenHash' });
  });

  it('given an agent, when the capacity is out of range, then COMMAND.FIELD_INVALID', () => {
    spec(agentDecider).given([registered()]).when(update({ capacity: 0 })).thenThrows('COMMAND.FIELD_INVALID', { field: 'capacity' });
  });
});

describe('RotateAgentToken (§4.3)', () => {
  const rotate = (tokenHash: string) => command('RotateAgentToken', { tokenHash });

  it('given an http agent, when rotated, then AgentTokenRotated and the runtime carries the new hash', () => {
    spec(agentDecider).given([httpAgent]).when(rotate(OTHER_TOKEN_HASH)).then([{ type: 'AgentTokenRotated', data: { tokenHash: OTHER_TOKEN_HASH, at: T0 } }]);
    const agent = stateOf(play([rotate(OTHER_TOKEN_HASH)], [httpAgent])) as RegisteredAgent;
    expect(agent.runtime).toEqual({ kind: 'http', config: { endpointUrl: 'https://a.example.com', tokenHash: OTHER_TOKEN_HASH } });
  });

  it('given a scripted agent, when rotated, then AGENT.RUNTIME_CONFIG_INVALID (http only)', () => {
    spec(agentDecider).given([registered()]).when(rotate(OTHER_TOKEN_HASH)).thenThrows('AGENT.RUNTIME_CONFIG_INVALID', { kind: 'scripted', field: 'kind' });
  });

  it('given an http agent, when rotated with a malformed hash, then AGENT.RUNTIME_CONFIG_INVALID', () => {
    spec(agentDecider).given([httpAgent]).when(rotate('plain-token')).thenThrows('AGENT.RUNTIME_CONFIG_INVALID', { kind: 'http', field: 'tokenHash' });
  });
});
