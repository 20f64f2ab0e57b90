import { BadRequestException } from '@nestjs/common';
import type { ClientInfo, Clock, Ids } from '@orch/application';
import type { CommandMetadata } from '@orch/kernel';
import type { AuthenticatedRequest } from '../auth/api-key.guard';

export interface CommandContext {
  readonly metadata: CommandMetadata;
  readonly client: ClientInfo;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Audit metadata for a command from its request: the caller, tenant, time, ids and client.
 * An Idempotency-Key becomes the command id (scoped to the caller), so a repeat appends nothing.
 */
export function commandContext(request: AuthenticatedRequest, ids: Ids, clock: Clock, reason?: string): CommandContext {
  const { principal } = request;
  // An agent's key acts as that agent (DOMAIN.md §1 actors); every other key as its user.
  const actor = principal.role === 'agent' && principal.agentId ? (`agent:${principal.agentId}` as const) : (`user:${principal.apiKeyId}` as const);
  const key = header(request, 'idempotency-key', IDEMPOTENCY_KEY);
  const commandId = key === undefined ? ids.newId() : ids.derive(`idempotency/${principal.tenantId}/${actor}/${key}`);
  const correlationId = header(request, 'x-correlation-id', CORRELATION_ID) ?? commandId;
  const causationId = header(request, 'x-causation-id', CORRELATION_ID);
  const userAgent = request.headers['user-agent']?.slice(0, 500);
  return {
    metadata: {
      commandId,
      actor,
      tenantId: principal.tenantId,
      now: clock.now(),
      correlationId,
      ...(causationId === undefined ? {} : { causationId }),
      ...(reason === undefined ? {} : { reason: reason.trim() }),
      ...(key === undefined ? {} : { repeatable: true as const }),
    },
    client: { ...(request.ip ? { ip: request.ip } : {}), ...(userAgent ? { userAgent } : {}) },
  };
}

function header(request: AuthenticatedRequest, name: string, pattern: RegExp): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new BadRequestException(`Header ${name} is malformed`);
  }
  return value;
}
