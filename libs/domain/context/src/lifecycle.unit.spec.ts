import { fold } from '@orch/kernel';
import { spec } from '@orch/kernel/testing';
import { contextDecider } from './context.decider';
import type { ContextEvent, ContextPromoted, ContextShared } from './context.events';
import type { ExistingContext } from './context.state';
import { documentAtVersion } from './history';
import { createdFromPromotion, createdFromShare } from './provenance';
import {
  at,
  CONTEXT_ID,
  created,
  expireContext,
  mergeContext,
  NEW_CONTEXT_ID,
  promoteContext,
  SESSION_ID,
  set,
  shareContext,
  T0,
  written,
  writeContext,
} from './testing/context.mother';

const history = [created({ document: { a: 1 } }), written(2, [set('b', 2)], { added: ['b'] })];
const stateOf = (events: readonly ContextEvent[]) => fold(contextDecider, events) as ExistingContext;

describe('ShareContext', () => {
  const shared: ContextShared = {
    type: 'ContextShared',
    data: { toContextId: NEW_CONTEXT_ID, toSessionId: SESSION_ID, atVersion: 2, at: at(30) },
  };

  it('is decided on the source context: ContextShared at the current version', () => {
    spec(contextDecider).given(history).when(shareContext()).then([shared]);
  });

  it('needs an existing target session', () => {
    spec(contextDecider).given(history).when(shareContext(false)).thenThrows('CONTEXT.SCOPE_OWNER_INVALID', { scope: 'session' });
  });

  it('builds the ContextCreated of the new session context, with provenance, to append first', () => {
    expect(createdFromShare(stateOf(history), shared)).toEqual(
      created({
        contextId: NEW_CONTEXT_ID,
        scope: 'session',
        sessionId: SESSION_ID,
        document: { a: 1, b: 2 },
        provenance: { kind: 'shared', fromContextId: CONTEXT_ID, fromVersion: 2 },
        at: at(30),
      }),
    );
  });

  it('the new context starts at version 1 and takes writes', () => {
    const fresh = createdFromShare(stateOf(history), shared);
    spec(contextDecider)
      .given([fresh])
      .when({ ...writeContext(1, [set('c', 3)]), data: { contextId: NEW_CONTEXT_ID, expectedVersion: 1, operations: [set('c', 3)] } })
      .thenMatches(([event]) => expect(event?.data).toMatchObject({ version: 2, changes: { added: ['c'] } }));
  });
});

describe('PromoteContext', () => {
  const promoted: ContextPromoted = { type: 'ContextPromoted', data: { toContextId: NEW_CONTEXT_ID, atVersion: 2, at: at(30) } };

  it.each(['session', 'agent'] as const)('promotes a %s context into a new global one', (scope) => {
    const events = [created({ scope, document: { a: 1 } }), written(2, [set('b', 2)], { added: ['b'] })];
    spec(contextDecider).given(events).when(promoteContext()).then([promoted]);
  });

  it('builds the ContextCreated of the new global context, with provenance', () => {
    expect(createdFromPromotion(stateOf(history), promoted)).toEqual({
      type: 'ContextCreated',
      data: {
        contextId: NEW_CONTEXT_ID,
        tenantId: 'tenant-a',
        scope: 'global',
        document: { a: 1, b: 2 },
        version: 1,
        provenance: { kind: 'promoted', fromContextId: CONTEXT_ID, fromVersion: 2 },
        at: at(30),
      },
    });
  });

  it('refuses a temporary context', () => {
    spec(contextDecider)
      .given([created({ scope: 'temporary', sessionId: undefined, expiresAt: at(60) })])
      .when(promoteContext())
      .thenThrows('CONTEXT.NOT_PROMOTABLE', { scope: 'temporary' });
  });

  it('refuses a global context', () => {
    spec(contextDecider)
      .given([created({ scope: 'global', sessionId: undefined })])
      .when(promoteContext())
      .thenThrows('CONTEXT.ALREADY_GLOBAL', { contextId: CONTEXT_ID });
  });
});

describe('ExpireContext', () => {
  const expiresAt = at(60);
  const temporary = created({ scope: 'temporary', sessionId: undefined, document: { a: 1 }, expiresAt });
  const expired = { type: 'ContextExpired' as const, data: { at: at(61) } };

  it('expires a temporary context once now ≥ expiresAt', () => {
    spec(contextDecider).given([temporary]).when(expireContext(expiresAt)).then([{ type: 'ContextExpired', data: { at: expiresAt } }]);
  });

  it('refuses before expiresAt, and for contexts that never expire', () => {
    spec(contextDecider).given([temporary]).when(expireContext(at(59))).thenThrows('COMMAND.FIELD_INVALID', { field: 'now' });
    spec(contextDecider).given([created()]).when(expireContext(at(59))).thenThrows('COMMAND.FIELD_INVALID');
  });

  it('refuses a second expiry', () => {
    spec(contextDecider).given([temporary, expired]).when(expireContext(at(70))).thenThrows('CONTEXT.EXPIRED', { expiresAt });
  });

  it.each([
    ['WriteContext', writeContext(1, [set('a', 2)], at(62))],
    ['MergeContext', mergeContext(1, 'prefer_source', { document: { a: 2 } }, at(62))],
    ['ShareContext', shareContext(true, at(62))],
    ['PromoteContext', promoteContext(at(62))],
  ])('then %s fails with CONTEXT.EXPIRED', (_, command) => {
    spec(contextDecider).given([temporary, expired]).when(command).thenThrows('CONTEXT.EXPIRED', { expiresAt });
  });

  it('a write past expiresAt fails even before the engine expires the context', () => {
    spec(contextDecider).given([temporary]).when(writeContext(1, [set('a', 2)], expiresAt)).thenThrows('CONTEXT.EXPIRED');
    spec(contextDecider)
      .given([temporary])
      .when(writeContext(1, [set('a', 2)], at(59)))
      .thenMatches((events) => expect(events).toHaveLength(1));
  });

  it('reads still work', () => {
    const events = [temporary, written(2, [set('a', 2)], { modified: ['a'] }), expired];
    expect(documentAtVersion(events, 1)).toEqual({ a: 1 });
    expect(documentAtVersion(events, 2)).toEqual({ a: 2 });
    expect(fold(contextDecider, events)).toMatchObject({ status: 'expired', expiredAt: at(61), createdAt: T0 });
  });
});
