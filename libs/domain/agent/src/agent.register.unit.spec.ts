import { spec } from '@orch/kernel/testing';
import { agentDecider } from './agent.decide';
import { AGENT_ID, metadata, register, registered, T0, TENANT } from './testing/agent.mother';

describe('RegisterAgent (§4.1)', () => {
  it('given nothing, when registered, then AgentRegistered with the trimmed name, the tenant and no reason needed', () => {
    const command = { ...register({ name: '  Builder One ' }), metadata: metadata({ reason: undefined }) };
    spec(agentDecider).given([]).when(command).then([registered()]);
  });

  it('given nothing, when registered without capacity, then the capacity is 5', () => {
    spec(agentDecider)
      .given([])
      .when(register({ capacity: undefined }))
      .thenMatches(([event]) => expect(event.data).toMatchObject({ capacity: 5 }));
  });

  it('given nothing, when registered with duplicate capabilities, then duplicates are dropped, order kept', () => {
    spec(agentDecider)
      .given([])
      .when(register({ primaryCapabilities: ['testing', 'code_generation', 'testing'] }))
      .thenMatches(([event]) => expect(event.data).toMatchObject({ primaryCapabilities: ['testing', 'code_generation'] }));
  });

  it('given nothing, when registered with model and description, then both are kept (description trimmed)', () => {
    spec(agentDecider)
      .given([])
      .when(register({ model: 'anthropic/claude-sonnet-4.5', description: ' writes code ' }))
      .then([registered({ model: 'anthropic/claude-sonnet-4.5', description: 'writes code' })]);
  });

  it.each([
    [{ agentId: 'not-a-uuid' }, 'agentId', 'uuid'],
    [{ name: '' }, 'name', 'length'],
    [{ name: 'x'.repeat(101) }, 'name', 'length'],
    [{ name: '-leading dash' }, 'name', 'pattern'],
    [{ name: 'semi;colon' }, 'name', 'pattern'],
    [{ agentType: 'wizard' }, 'agentType', 'enum'],
    [{ primaryCapabilities: [] }, 'primaryCapabilities', 'count'],
    [{ primaryCapabilities: ['telepathy'] }, 'primaryCapabilities', 'enum'],
    [{ secondaryCapabilities: ['testing'] }, 'secondaryCapabilities', 'disjoint from primaryCapabilities'],
    [{ secondaryCapabilities: ['telepathy'] }, 'secondaryCapabilities', 'enum'],
    [{ capacity: 0 }, 'capacity', 'range'],
    [{ capacity: 51 }, 'capacity', 'range'],
    [{ capacity: 2.5 }, 'capacity', 'range'],
    [{ model: 'no-provider' }, 'model', 'pattern'],
    [{ model: `p/${'m'.repeat(199)}` }, 'model', 'pattern'],
    [{ description: 'd'.repeat(501) }, 'description', 'length'],
  ])('given nothing, when registered with %o, then COMMAND.FIELD_INVALID on %s (%s)', (data, field, rule) => {
    const command = register(data as never);
    const withId = 'agentId' in data ? { ...command, data: { ...command.data, ...data } } : command;
    spec(agentDecider).given([]).when(withId).thenThrows('COMMAND.FIELD_INVALID', { field, rule });
  });

  it('given nothing, when an analyst lists all six of its capabilities, then it registers', () => {
    const all = ['requirements_analysis', 'task_decomposition', 'root_cause_analysis', 'performance_analysis', 'compliance_check', 'documentation'];
    spec(agentDecider)
      .given([])
      .when(register({ agentType: 'analyst', primaryCapabilities: all, secondaryCapabilities: [] }))
      .thenMatches(([event]) => expect(event.type).toBe('AgentRegistered'));
  });

  it('given nothing, when a primary capability is outside the type, then AGENT.CAPABILITY_NOT_ALLOWED', () => {
    spec(agentDecider)
      .given([])
      .when(register({ agentType: 'reviewer', primaryCapabilities: ['code_review', 'code_generation'] }))
      .thenThrows('AGENT.CAPABILITY_NOT_ALLOWED', { agentType: 'reviewer', capability: 'code_generation' });
  });

  it('given nothing, when the handler says the name is taken, then AGENT.NAME_TAKEN {name}', () => {
    spec(agentDecider).given([]).when(register({ nameTaken: true })).thenThrows('AGENT.NAME_TAKEN', { name: 'Builder One' });
  });

  it('given a registered agent, when registered again, then AGENT.ALREADY_EXISTS', () => {
    spec(agentDecider).given([registered()]).when(register()).thenThrows('AGENT.ALREADY_EXISTS', { agentId: AGENT_ID });
  });

  it('given a deregistered agent, when registered again, then AGENT.NOT_FOUND (the stream is final)', () => {
    spec(agentDecider)
      .given([registered(), { type: 'AgentDeregistered', data: { at: T0 } }])
      .when(register())
      .thenThrows('AGENT.NOT_FOUND');
  });

  it('takes the tenant from the metadata', () => {
    spec(agentDecider)
      .given([])
      .when(register())
      .thenMatches(([event]) => expect(event.data).toMatchObject({ tenantId: TENANT, at: T0 }));
  });
});
