import { diffMs, DomainError, type Command } from '@orch/kernel';
import type { ActiveContext, ContextState, ExistingContext } from './context.state';

/** The context exists in the command's tenant; another tenant's context is not found (DOMAIN.md §1). */
export function requireContext(
  state: ContextState,
  command: Command<string, { readonly contextId: string }>,
): ExistingContext {
  if (state.status === 'absent' || state.tenantId !== command.metadata.tenantId) {
    const { contextId } = command.data;
    throw new DomainError('CONTEXT.NOT_FOUND', `context ${contextId} not found`, { contextId });
  }
  return state;
}

/**
 * Writes, merges into it, shares and promotions need a live context: not expired, and not past its
 * `expiresAt` either (the engine's ExpireContext may lag behind the clock).
 */
export function requireLive(context: ExistingContext, now: string): ActiveContext {
  if (context.status === 'expired' || isDue(context, now)) {
    throw new DomainError('CONTEXT.EXPIRED', `context ${context.contextId} has expired`, {
      expiresAt: context.expiresAt,
    });
  }
  return context;
}

export function isDue(context: ExistingContext, now: string): boolean {
  return context.expiresAt !== undefined && diffMs(now, context.expiresAt) >= 0;
}
