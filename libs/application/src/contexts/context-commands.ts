import type { CommandMetadata } from '@orch/kernel';
import type { CreateContextData, MergeStrategy, WriteContextData } from '@orch/domain-context';
import type { CommandResult } from '../command-handling/handle-command';
import type { ClientInfo } from '../ports/event-store.port';
import { executorOf, type ContextUseCaseDeps } from './context-deps';
import { ownerExists, readMergeSource } from './context-facts';
import { contextTarget } from './context-streams';

/** CreateContext as asked: the owner fact is resolved here; `actorRole` comes from the caller's key. */
export type CreateContextRequest = Omit<CreateContextData, 'contextId' | 'ownerExists'> & { readonly contextId?: string };

export interface MergeContextsRequest {
  readonly targetContextId: string;
  readonly sourceContextId: string;
  /** Default: the source's latest version. */
  readonly sourceVersion?: number;
  readonly expectedVersion: number;
  readonly strategy: MergeStrategy;
}

/** The id a create gets when the caller names none: derived from the command id, so a repeat hits the same stream. */
function createdContextId(deps: ContextUseCaseDeps, metadata: CommandMetadata): string {
  return deps.ids.derive(`context/create/${metadata.commandId}`);
}

export async function createContext(
  deps: ContextUseCaseDeps,
  request: CreateContextRequest,
  metadata: CommandMetadata,
  client?: ClientInfo,
): Promise<CommandResult> {
  const contextId = request.contextId ?? createdContextId(deps, metadata);
  const data: CreateContextData = { ...request, contextId, ownerExists: await ownerExists(deps.store, request, metadata.tenantId) };
  return executorOf(deps)(contextTarget(contextId), { type: 'CreateContext', data, metadata }, client);
}

export function writeContext(
  deps: ContextUseCaseDeps,
  data: WriteContextData,
  metadata: CommandMetadata,
  client?: ClientInfo,
): Promise<CommandResult> {
  return executorOf(deps)(contextTarget(data.contextId), { type: 'WriteContext', data, metadata }, client);
}

/** MergeContext into `targetContextId` of the source as the handler reads it (DOMAIN.md §5.3). */
export async function mergeContexts(
  deps: ContextUseCaseDeps,
  request: MergeContextsRequest,
  metadata: CommandMetadata,
  client?: ClientInfo,
): Promise<CommandResult> {
  const { targetContextId, sourceContextId, sourceVersion, expectedVersion, strategy } = request;
  const source = await readMergeSource(deps.store, sourceContextId, sourceVersion, metadata.tenantId);
  const data = { contextId: targetContextId, expectedVersion, strategy, source };
  return executorOf(deps)(contextTarget(targetContextId), { type: 'MergeContext', data, metadata }, client);
}
