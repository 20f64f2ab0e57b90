import { DomainError, type Command, type Decider, type ErrorCode } from '@orch/kernel';
import type { ClientInfo, EventStore, RecordedEvent } from '../ports/event-store.port';
import { WrongExpectedVersionError } from '../ports/event-store.port';
import type { Ids } from '../ports/ids.port';
import { eventMetadata } from './event-metadata';
import { loadAggregate, type LoadedAggregate } from './load-aggregate';

/** What every command answers: the aggregate id, its stream revision and the global position. */
export interface CommandResult {
  readonly id: string;
  readonly revision: number;
  /** Position of the command's last event; null when the stream is still empty. */
  readonly position: number | null;
  /** Set when this command id was handled before: the first result, nothing appended now. */
  readonly replayed?: true;
}

export interface CommandTarget<C extends Command, E, S> {
  readonly decider: Decider<C, E, S>;
  readonly streamName: string;
  readonly aggregateId: string;
  /** Answered when the stream belongs to another tenant (it is invisible, not forbidden). */
  readonly notFound: ErrorCode;
  /** Per event, a rule's reason replacing the command's (DOMAIN.md §1), or undefined. */
  readonly ruleReasons?: (events: readonly E[]) => readonly (string | undefined)[];
}

export interface HandleCommandDeps {
  readonly store: EventStore;
  readonly ids: Ids;
  /** Attempts before a conflict is given up (load → decide → append each time). */
  readonly maxAttempts?: number;
}

/**
 * load → decide → append with the expected revision; a concurrent writer makes it start over.
 * A command id already in the stream returns that first result and appends nothing, and event ids
 * derive from the command id, so a retried request can never duplicate events.
 */
/**
 * `prepare` adds the facts a command needs from outside its aggregate (capacity, a parent's
 * status…); it runs after every load, so a retried attempt decides on fresh facts.
 */
export type PrepareCommand<C, S> = (command: C, state: S) => Promise<C> | C;

export async function handleCommand<C extends Command, E extends { type: string; data: object }, S>(
  deps: HandleCommandDeps,
  target: CommandTarget<C, E, S>,
  command: C,
  client?: ClientInfo,
  prepare?: PrepareCommand<C, S>,
): Promise<CommandResult> {
  const maxAttempts = deps.maxAttempts ?? 30;
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadAggregate(deps.store, target.streamName, target.decider);
    guardTenant(loaded, command, target);
    guardLease(loaded.events, command);
    const earlier = earlierResult(loaded.events, command, target.aggregateId);
    if (earlier) return earlier;
    const prepared = prepare ? await prepare(command, loaded.state) : command;
    const events = target.decider.decide(prepared, loaded.state);
    if (events.length === 0) return currentResult(loaded, target.aggregateId);
    try {
      return await append(deps, target, prepared, loaded, events, client);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw error;
    }
  }
}

async function append<C extends Command, E extends { type: string; data: object }, S>(
  deps: HandleCommandDeps,
  target: CommandTarget<C, E, S>,
  command: C,
  loaded: LoadedAggregate<S>,
  events: readonly E[],
  client: ClientInfo | undefined,
): Promise<CommandResult> {
  const metadata = eventMetadata(command, client);
  const reasons = target.ruleReasons?.(events) ?? [];
  const toAppend = events.map((event, index) => ({
    id: deps.ids.derive(`${command.metadata.commandId}/${target.streamName}/${index}`),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: reasons[index] === undefined ? metadata : { ...metadata, reason: reasons[index] },
  }));
  const expectedRevision = loaded.revision === undefined ? 'no_stream' : loaded.revision;
  const result = await deps.store.appendToStream(target.streamName, toAppend, { expectedRevision });
  return { id: target.aggregateId, revision: result.nextExpectedRevision, position: result.position };
}

function guardTenant(loaded: LoadedAggregate<unknown>, command: Command, target: { notFound: ErrorCode; aggregateId: string }): void {
  const owner = loaded.events[0]?.metadata.tenantId;
  if (owner !== undefined && owner !== command.metadata.tenantId) {
    throw new DomainError(target.notFound, `${target.aggregateId} not found`, { id: target.aggregateId });
  }
}

/**
 * Fencing (Leases port): an engine that lost its lease must not act on what it read before. Any
 * event of this stream recorded under the same lease key with a higher token means another engine
 * has taken over since; the stale command is refused. User commands carry no lease and pass.
 */
function guardLease(events: readonly RecordedEvent[], command: Command): void {
  const fence = command.metadata.lease;
  if (fence === undefined) return;
  let newest = -Infinity;
  for (const event of events) {
    const recorded = event.metadata['lease'] as { key?: unknown; token?: unknown } | undefined;
    if (recorded?.key === fence.key && typeof recorded.token === 'number' && recorded.token > newest) newest = recorded.token;
  }
  if (newest > fence.token) {
    throw new DomainError('ENGINE.STALE_LEASE', `Lease ${fence.key} token ${fence.token} is stale; ${newest} was recorded since`, {
      key: fence.key,
      token: fence.token,
      currentToken: newest,
    });
  }
}

function earlierResult(events: readonly RecordedEvent[], command: Command, aggregateId: string): CommandResult | undefined {
  const same = events.filter((event) => event.metadata.commandId === command.metadata.commandId);
  const last = same[same.length - 1];
  if (!last) return undefined;
  if (last.metadata['commandType'] !== command.type) {
    throw new DomainError('COMMAND.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for another command', {
      commandType: last.metadata['commandType'],
    });
  }
  return { id: aggregateId, revision: last.revision, position: last.position, replayed: true };
}

function currentResult(loaded: LoadedAggregate<unknown>, aggregateId: string): CommandResult {
  const last = loaded.events[loaded.events.length - 1];
  return { id: aggregateId, revision: last?.revision ?? -1, position: last?.position ?? null };
}
