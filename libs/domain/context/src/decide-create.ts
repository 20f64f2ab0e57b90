import { addMs, DomainError, fieldInvalid, isJsonObject } from '@orch/kernel';
import type { CreateContext } from './context.commands';
import type { ContextCreated } from './context.events';
import type { ContextState } from './context.state';
import { assertValidKeys, assertWithinLimits, measure } from './limits';
import { assertScopeOwner, ttlSecondsOf } from './scope-rules';

/** CreateContext (DOMAIN.md §5.1): version 1 of a new context, owned as its scope requires. */
export function decideCreate(command: CreateContext, state: ContextState): ContextCreated[] {
  const { data, metadata } = command;
  if (state.status !== 'absent') {
    throw new DomainError('CONTEXT.ALREADY_EXISTS', `context ${data.contextId} exists`, { contextId: data.contextId });
  }
  assertScopeOwner(data);
  const ttlSeconds = ttlSecondsOf(data);
  const document = data.document ?? {};
  if (!isJsonObject(document)) throw fieldInvalid('document', 'object');
  assertValidKeys(measure(document));
  assertWithinLimits(document);
  const created: ContextCreated['data'] = {
    contextId: data.contextId,
    tenantId: metadata.tenantId,
    scope: data.scope,
    ...(data.sessionId === undefined ? {} : { sessionId: data.sessionId }),
    ...(data.agentId === undefined ? {} : { agentId: data.agentId }),
    document,
    version: 1,
    ...(ttlSeconds === undefined ? {} : { expiresAt: addMs(metadata.now, ttlSeconds * 1000) }),
    at: metadata.now,
  };
  return [{ type: 'ContextCreated', data: created }];
}
