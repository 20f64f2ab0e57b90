import type { CommandMetadata } from '@orch/kernel';
import {
  createdFromPromotion,
  createdFromShare,
  type ContextPromoted,
  type ContextShared,
  type PromoteContext,
  type ShareContext,
} from '@orch/domain-context';
import type { CommandResult } from '../command-handling/handle-command';
import type { ClientInfo } from '../ports/event-store.port';
import { branchContext } from './branch-context';
import type { ContextUseCaseDeps } from './context-deps';
import { existsInTenant } from './context-facts';
import { sessionStream } from './context-streams';

export interface ShareContextRequest {
  readonly contextId: string;
  readonly targetSessionId: string;
}

/**
 * ShareContext (DOMAIN.md §5.4): a new `session` context of the target session with the source's document.
 * The new id derives from the command id, so a repeated request finds the context it made before.
 */
export async function shareContext(
  deps: ContextUseCaseDeps,
  request: ShareContextRequest,
  metadata: CommandMetadata,
  client?: ClientInfo,
): Promise<CommandResult> {
  const targetSessionExists = await existsInTenant(deps.store, sessionStream(request.targetSessionId), metadata.tenantId);
  const newContextId = deps.ids.derive(`context/share/${metadata.commandId}`);
  const command: ShareContext = { type: 'ShareContext', data: { ...request, newContextId, targetSessionExists }, metadata };
  return branchContext<ContextShared>(deps, command, createdFromShare, client);
}

/** PromoteContext (DOMAIN.md §5.4): the same into a new `global` context. */
export function promoteContext(
  deps: ContextUseCaseDeps,
  request: { readonly contextId: string },
  metadata: CommandMetadata,
  client?: ClientInfo,
): Promise<CommandResult> {
  const newContextId = deps.ids.derive(`context/promote/${metadata.commandId}`);
  const command: PromoteContext = { type: 'PromoteContext', data: { contextId: request.contextId, newContextId }, metadata };
  return branchContext<ContextPromoted>(deps, command, createdFromPromotion, client);
}
