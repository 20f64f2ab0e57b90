import { spec } from '@orch/kernel/testing';
import { contextDecider } from './context.decider';
import { AGENT_ID, CONTEXT_ID, createContext, created, SESSION_ID, T0, TENANT } from './testing/context.mother';

const fresh = spec(contextDecider).given([]);

describe('CreateContext: scopes and owners', () => {
  it('creates version 1 of a session context with an empty document by default', () => {
    fresh.when(createContext()).then([created()]);
  });

  it('keeps the given document', () => {
    const document = { goal: 'ship', files: ['a.ts'], nested: { ok: true } };
    fresh.when(createContext({ document })).then([created({ document })]);
  });

  it.each([
    ['no sessionId', { sessionId: undefined }],
    ['an unknown session', { ownerExists: false }],
    ['an agentId as well', { agentId: AGENT_ID }],
  ])('a session context with %s has an invalid owner', (_, data) => {
    fresh.when(createContext(data)).thenThrows('CONTEXT.SCOPE_OWNER_INVALID', { scope: 'session' });
  });

  it('an agent context needs an existing agent and no session', () => {
    const agent = { scope: 'agent' as const, sessionId: undefined, agentId: AGENT_ID };
    fresh.when(createContext(agent)).then([created({ scope: 'agent', sessionId: undefined, agentId: AGENT_ID })]);
    fresh.when(createContext({ ...agent, ownerExists: false })).thenThrows('CONTEXT.SCOPE_OWNER_INVALID', { scope: 'agent' });
    fresh.when(createContext({ ...agent, sessionId: SESSION_ID })).thenThrows('CONTEXT.SCOPE_OWNER_INVALID');
  });

  it('a global context has no owner and is created by an admin only', () => {
    const global = { scope: 'global' as const, sessionId: undefined, ownerExists: undefined };
    fresh.when(createContext({ ...global, actorRole: 'admin' })).then([created({ scope: 'global', sessionId: undefined })]);
    fresh.when(createContext({ ...global, actorRole: 'operator' })).thenThrows('CONTEXT.SCOPE_OWNER_INVALID', { scope: 'global' });
    fresh.when(createContext(global)).thenThrows('CONTEXT.SCOPE_OWNER_INVALID', { scope: 'global' });
    fresh
      .when(createContext({ ...global, actorRole: 'admin', agentId: AGENT_ID, ownerExists: true }))
      .thenThrows('CONTEXT.SCOPE_OWNER_INVALID', { scope: 'global' });
  });

  it('an unknown scope is a malformed field', () => {
    fresh.when(createContext({ scope: 'team' as never })).thenThrows('COMMAND.FIELD_INVALID', { field: 'scope' });
  });

  it('refuses a second creation', () => {
    spec(contextDecider).given([created()]).when(createContext()).thenThrows('CONTEXT.ALREADY_EXISTS', { contextId: CONTEXT_ID });
  });

  it('takes the tenant from the command metadata', () => {
    spec(contextDecider)
      .given([])
      .when(createContext())
      .thenMatches(([event]) => expect(event?.data).toMatchObject({ tenantId: TENANT, at: T0, version: 1 }));
  });
});

describe('CreateContext: temporary contexts', () => {
  const temporary = (data: Parameters<typeof createContext>[0] = {}) =>
    createContext({ scope: 'temporary', sessionId: undefined, ownerExists: undefined, ...data });
  const expected = (expiresAt: string, data: object = {}) =>
    created({ scope: 'temporary', sessionId: undefined, expiresAt, ...data });

  it('expires an hour after creation by default', () => {
    fresh.when(temporary()).then([expected('2026-01-01T01:00:00.000Z')]);
  });

  it.each([
    [60, '2026-01-01T00:01:00.000Z'],
    [86_400, '2026-01-02T00:00:00.000Z'],
  ])('takes a TTL of %i seconds', (ttlSeconds, expiresAt) => {
    fresh.when(temporary({ ttlSeconds })).then([expected(expiresAt)]);
  });

  it.each([59, 86_401, 90.5, 0])('refuses a TTL of %d seconds', (ttlSeconds) => {
    fresh.when(temporary({ ttlSeconds })).thenThrows('COMMAND.FIELD_INVALID', { field: 'ttlSeconds', limit: '60..86400' });
  });

  it('may have one existing owner, or none, but not both', () => {
    fresh
      .when(temporary({ agentId: AGENT_ID, ownerExists: true }))
      .then([expected('2026-01-01T01:00:00.000Z', { agentId: AGENT_ID })]);
    fresh.when(temporary({ sessionId: SESSION_ID, ownerExists: false })).thenThrows('CONTEXT.SCOPE_OWNER_INVALID');
    fresh
      .when(temporary({ sessionId: SESSION_ID, agentId: AGENT_ID, ownerExists: true }))
      .thenThrows('CONTEXT.SCOPE_OWNER_INVALID', { scope: 'temporary' });
  });

  it('a TTL belongs to temporary contexts only', () => {
    fresh.when(createContext({ ttlSeconds: 600 })).thenThrows('COMMAND.FIELD_INVALID', { field: 'ttlSeconds' });
  });
});
