import type { CreateContextRequest, MergeContextsRequest } from '@orch/application';
import type { ActorRole, ContextOperation, WriteContextData } from '@orch/domain-context';
import type { MergeContextsDto } from './context-actions.dto';
import type { CreateContextDto } from './create-context.dto';
import type { ContextOperationDto, WriteContextDto } from './write-context.dto';

/* HTTP bodies → use-case requests: plain objects, absent fields left out (never `undefined`). */

export function createRequest(body: CreateContextDto, actorRole: ActorRole): CreateContextRequest {
  const { contextId, scope, sessionId, agentId, document, ttlSeconds } = body;
  return { scope, actorRole, ...defined({ contextId, sessionId, agentId, document, ttlSeconds }) };
}

export function writeData(contextId: string, body: WriteContextDto): WriteContextData {
  const source = body.source && { sessionId: body.source.sessionId, taskId: body.source.taskId, attempt: body.source.attempt };
  return { contextId, expectedVersion: body.expectedVersion, operations: body.operations.map(operation), ...defined({ source }) };
}

export function mergeRequest(body: MergeContextsDto): MergeContextsRequest {
  const { targetContextId, sourceContextId, sourceVersion, expectedVersion, strategy } = body;
  return { targetContextId, sourceContextId, expectedVersion, strategy, ...defined({ sourceVersion }) };
}

function operation(dto: ContextOperationDto): ContextOperation {
  return dto.op === 'delete' ? { op: 'delete', path: dto.path } : ({ op: dto.op, path: dto.path, value: dto.value } as ContextOperation);
}

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
