import { DomainError, type Command } from '@orch/kernel';
import {
  contextDecider,
  type ContextCreated,
  type ContextPromoted,
  type ContextShared,
  type ExistingContext,
  type PromoteContext,
  type ShareContext,
} from '@orch/domain-context';
import { eventMetadata } from '../command-handling/event-metadata';
import type { CommandResult } from '../command-handling/handle-command';
import { loadAggregate, toDomainEvent } from '../command-handling/load-aggregate';
import type { Ids } from '../ports/ids.port';
import {
  WrongExpectedVersionError,
  type ClientInfo,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from '../ports/event-store.port';
import type { ContextUseCaseDeps } from './context-deps';
import { contextNotFound, contextStream, ownedBy } from './context-streams';

type BranchEvent = ContextShared | ContextPromoted;
type BranchCommand = ShareContext | PromoteContext;

/**
 * Share and promote write two streams: the new context's ContextCreated first (expected `no_stream`), then
 * ContextShared/ContextPromoted on the source. Event ids derive from the command id, and a new context this
 * command already made is reused, so a retry (after a conflict, a crash or a repeated request) appends each
 * event once, and the source's event names the version that was really copied.
 */
export async function branchContext<E extends BranchEvent>(
  deps: ContextUseCaseDeps,
  command: BranchCommand,
  toCreated: (source: ExistingContext, event: E) => ContextCreated,
  client?: ClientInfo,
): Promise<CommandResult> {
  const sourceStream = contextStream(command.data.contextId);
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadAggregate(deps.store, sourceStream, contextDecider);
    if (loaded.events.length > 0 && !ownedBy(loaded.events, command.metadata.tenantId)) throw contextNotFound(command.data.contextId);
    const earlier = earlierResult(loaded.events, command);
    if (earlier) return earlier;
    const [decided] = contextDecider.decide(command, loaded.state) as E[];
    const created = await ensureCreated(deps, command, toCreated(loaded.state as ExistingContext, decided), client);
    const event = { type: decided.type, data: { ...decided.data, ...copiedAt(created, decided) } };
    try {
      const toSource = [toAppend(deps.ids, command, sourceStream, event, client)];
      const appended = await deps.store.appendToStream(sourceStream, toSource, { expectedRevision: loaded.revision ?? 'no_stream' });
      return { id: command.data.newContextId, revision: 0, position: appended.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= (deps.maxAttempts ?? 8)) throw error;
    }
  }
}

/** The source's event names the version and time the new context really copied (an earlier attempt's, on a retry). */
function copiedAt(created: ContextCreated, decided: BranchEvent): { atVersion: number; at: string } {
  return { atVersion: created.data.provenance?.fromVersion ?? decided.data.atVersion, at: created.data.at };
}

/** The new context's ContextCreated: the one this command appended before, or appended now. */
async function ensureCreated(
  deps: ContextUseCaseDeps,
  command: BranchCommand,
  created: ContextCreated,
  client?: ClientInfo,
): Promise<ContextCreated> {
  const stream = contextStream(created.data.contextId);
  const before = await madeBy(deps.store, stream, command);
  if (before) return before;
  try {
    await deps.store.appendToStream(stream, [toAppend(deps.ids, command, stream, created, client)], { expectedRevision: 'no_stream' });
    return created;
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    const raced = await madeBy(deps.store, stream, command);
    if (raced) return raced;
    throw alreadyExists(created.data.contextId);
  }
}

async function madeBy(store: EventStore, stream: string, command: Command): Promise<ContextCreated | undefined> {
  const [first] = await store.readStream(stream, { maxCount: 1 });
  if (first === undefined) return undefined;
  const { commandId, commandType } = first.metadata;
  if (commandId !== command.metadata.commandId || commandType !== command.type) throw alreadyExists(String(first.data['contextId']));
  return toDomainEvent<ContextCreated>(first);
}

/** This command id on the source already: the first result, nothing appended (or another command's key reused). */
function earlierResult(events: readonly RecordedEvent[], command: BranchCommand): CommandResult | undefined {
  const last = events.filter((event) => event.metadata.commandId === command.metadata.commandId).pop();
  if (last === undefined) return undefined;
  if (last.metadata['commandType'] !== command.type) {
    throw new DomainError('COMMAND.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for another command', {
      commandType: last.metadata['commandType'],
    });
  }
  return { id: command.data.newContextId, revision: 0, position: last.position, replayed: true };
}

/** Same event-id scheme as handleCommand: `<commandId>/<stream>/<index>`. */
function toAppend(
  ids: Ids,
  command: Command,
  stream: string,
  event: { readonly type: string; readonly data: object },
  client?: ClientInfo,
): EventToAppend {
  return {
    id: ids.derive(`${command.metadata.commandId}/${stream}/0`),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: eventMetadata(command, client),
  };
}

function alreadyExists(contextId: string): DomainError {
  return new DomainError('CONTEXT.ALREADY_EXISTS', `context ${contextId} exists`, { contextId });
}
