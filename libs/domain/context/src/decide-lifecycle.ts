import { diffMs, DomainError, fieldInvalid } from '@orch/kernel';
import type { ExpireContext, PromoteContext, ShareContext } from './context.commands';
import type { ContextExpired, ContextPromoted, ContextShared } from './context.events';
import type { ActiveContext, ContextState } from './context.state';
import { requireContext, requireLive } from './guards';

/*
 * DOMAIN.md §5.4. Share and promote are decided on the SOURCE context; the application appends the new
 * context's ContextCreated (see `createdFromShare` / `createdFromPromotion`) first, then these events.
 */
export function decideShare(command: ShareContext, state: ContextState): ContextShared[] {
  const context = requireLive(requireContext(state, command), command.metadata.now);
  const { newContextId, targetSessionId, targetSessionExists } = command.data;
  assertNewContextId(context, newContextId);
  if (targetSessionExists !== true) {
    throw new DomainError('CONTEXT.SCOPE_OWNER_INVALID', `session ${targetSessionId} does not exist`, {
      scope: 'session',
    });
  }
  const data = { toContextId: newContextId, toSessionId: targetSessionId, atVersion: context.version };
  return [{ type: 'ContextShared', data: { ...data, at: command.metadata.now } }];
}

export function decidePromote(command: PromoteContext, state: ContextState): ContextPromoted[] {
  const context = requireLive(requireContext(state, command), command.metadata.now);
  if (context.scope === 'global') {
    throw new DomainError('CONTEXT.ALREADY_GLOBAL', 'the context is global already', { contextId: context.contextId });
  }
  if (context.scope === 'temporary') {
    throw new DomainError('CONTEXT.NOT_PROMOTABLE', 'a temporary context cannot be promoted', { scope: context.scope });
  }
  assertNewContextId(context, command.data.newContextId);
  const data = { toContextId: command.data.newContextId, atVersion: context.version };
  return [{ type: 'ContextPromoted', data: { ...data, at: command.metadata.now } }];
}

/** ExpireContext (engine): only once `now` has reached `expiresAt`, and only once. */
export function decideExpire(command: ExpireContext, state: ContextState): ContextExpired[] {
  const context = requireContext(state, command);
  const { expiresAt } = context;
  if (context.status === 'expired') {
    throw new DomainError('CONTEXT.EXPIRED', `context ${context.contextId} has expired`, { expiresAt });
  }
  if (expiresAt === undefined) throw fieldInvalid('contextId', 'not_temporary');
  if (diffMs(command.metadata.now, expiresAt) < 0) throw fieldInvalid('now', 'before_expires_at', expiresAt);
  return [{ type: 'ContextExpired', data: { at: command.metadata.now } }];
}

function assertNewContextId(context: ActiveContext, newContextId: string): void {
  if (newContextId === context.contextId) {
    throw new DomainError('CONTEXT.ALREADY_EXISTS', `context ${newContextId} exists`, { contextId: newContextId });
  }
}
