import { DomainError, fieldInvalid, exhaustive } from '@orch/kernel';
import { CONTEXT_SCOPES, type CreateContextData } from './context.commands';

/** DOMAIN.md §5.1: the owner fields each scope needs, and the temporary TTL. */
export const TTL_SECONDS = { min: 60, max: 86_400, default: 3_600 } as const;

export function assertScopeOwner(data: CreateContextData): void {
  if (!(CONTEXT_SCOPES as readonly string[]).includes(data.scope)) throw fieldInvalid('scope', 'enum');
  if (!ownerFits(data)) {
    throw new DomainError('CONTEXT.SCOPE_OWNER_INVALID', `owner fields do not fit scope ${data.scope}`, {
      scope: data.scope,
    });
  }
}

function ownerFits(data: CreateContextData): boolean {
  const hasSession = data.sessionId !== undefined;
  const hasAgent = data.agentId !== undefined;
  const ownerExists = data.ownerExists === true;
  switch (data.scope) {
    case 'session':
      return hasSession && !hasAgent && ownerExists;
    case 'agent':
      return hasAgent && !hasSession && ownerExists;
    case 'global':
      return !hasSession && !hasAgent && data.actorRole === 'admin';
    case 'temporary':
      return !(hasSession && hasAgent) && (ownerExists || (!hasSession && !hasAgent));
    default:
      return exhaustive(data.scope, false);
  }
}

/** The TTL of a temporary context in seconds; other scopes take none. */
export function ttlSecondsOf(data: CreateContextData): number | undefined {
  if (data.scope !== 'temporary') {
    if (data.ttlSeconds !== undefined) throw fieldInvalid('ttlSeconds', 'temporary_only');
    return undefined;
  }
  const ttl = data.ttlSeconds ?? TTL_SECONDS.default;
  if (!Number.isInteger(ttl) || ttl < TTL_SECONDS.min || ttl > TTL_SECONDS.max) {
    throw fieldInvalid('ttlSeconds', 'integer_range', `${TTL_SECONDS.min}..${TTL_SECONDS.max}`);
  }
  return ttl;
}
