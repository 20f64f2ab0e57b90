import { DomainError, type Command, type Decider, type ErrorCode } from '@orch/kernel';
import type { ClientInfo, EventStore, EventToAppend } from '../ports/event-store.port';
import { WrongExpectedVersionError } from '../ports/event-store.port';
import type { Ids } from '../ports/ids.port';
import { eventMetadata } from './event-metadata';
import { loadSummary, rememberAppend, type StreamCache, type StreamSummary } from './stream-summary';
import type { StreamQueue } from './stream-queue';

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
  /** Long-lived writers keep stream summaries and read only what was appended since. */
  readonly streams?: StreamCache;
  /** Commands of this process on one stream run one at a time (see StreamQueue). */
  readonly streamQueue?: StreamQueue;
  /**
   * With `streams`, which decisions read the stream forward from the cached summary first instead
   * of deciding on the summary and letting the append's expected revision check it:
   * - `false` (default): none. A stale summary costs one refused append, then a read.
   * - `'repeatable'` (the api): commands carrying the caller's Idempotency-Key
   *   (`metadata.repeatable`). The first of a repeated request may have landed through another
   *   instance right after the cached revision; the store then takes the repeat's append as the
   *   same append again, and only a read tells the answer is a repeat (`replayed`). A command id
   *   made by the server is new, so nothing is lost by deciding on the summary.
   * - `true`: every command.
   */
  readonly readFirst?: boolean | 'repeatable';
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

export function handleCommand<C extends Command, E extends { type: string; data: object }, S>(
  deps: HandleCommandDeps,
  target: CommandTarget<C, E, S>,
  command: C,
  client?: ClientInfo,
  prepare?: PrepareCommand<C, S>,
): Promise<CommandResult> {
  const handle = () => handleNow(deps, target, command, client, prepare);
  return deps.streamQueue ? deps.streamQueue.run(target.streamName, handle) : handle();
}

async function handleNow<C extends Command, E extends { type: string; data: object }, S>(
  deps: HandleCommandDeps,
  target: CommandTarget<C, E, S>,
  command: C,
  client: ClientInfo | undefined,
  prepare: PrepareCommand<C, S> | undefined,
): Promise<CommandResult> {
  const maxAttempts = deps.maxAttempts ?? 30;
  let trustCache = !readsFirst(deps, [command]);
  for (let attempt = 1; ; attempt++) {
    const cached = trustCache ? deps.streams?.get<S>(target.streamName) : undefined;
    trustCache = false;
    const loaded = cached ?? (await loadSummary(deps.store, deps.streams, target.streamName, target.decider));
    let events: readonly E[];
    let prepared: C;
    try {
      guardTenant(loaded, command, target);
      guardLease(loaded, command);
      const earlier = earlierResult(loaded, command, target.aggregateId);
      if (earlier) return earlier;
      prepared = prepare ? await prepare(command, loaded.state) : command;
      events = target.decider.decide(prepared, loaded.state);
    } catch (error) {
      // A refusal on a cached summary is confirmed on a fresh read (the stream may have moved on).
      if (cached !== undefined && error instanceof DomainError && !isFinalOnCache(error, target)) continue;
      throw error;
    }
    if (events.length === 0) {
      if (cached !== undefined) continue;
      return currentResult(loaded, target.aggregateId);
    }
    try {
      const result = await append(deps, target, prepared, loaded, events, client);
      // The store recognised the events as a repeat (this command was appended by another writer
      // since the summary was taken): read again, and answer the first result.
      if (result !== 'repeat') return result;
      if (attempt >= maxAttempts) throw new Error(`${target.streamName}: command ${command.metadata.commandId} kept being answered as a repeat`);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw error;
    }
  }
}

function readsFirst(deps: HandleCommandDeps, commands: readonly Command[]): boolean {
  if (deps.readFirst === 'repeatable') return commands.some((command) => command.metadata.repeatable === true);
  return deps.readFirst === true;
}

/**
 * Refusals a cached summary can give for good: the owner tenant never changes, and lease tokens
 * only grow, so a stale fence stays stale. Anything else the domain refuses is asked again.
 */
function isFinalOnCache(error: DomainError, target: { notFound: ErrorCode }): boolean {
  return error.code === 'ENGINE.STALE_LEASE' || error.code === target.notFound || error.code === 'COMMAND.IDEMPOTENCY_KEY_REUSED';
}

/** What became of one command of a batch: its result, or the domain's refusal (the others still count). */
export type BatchOutcome = { readonly ok: true; readonly result: CommandResult } | { readonly ok: false; readonly error: DomainError };

/**
 * Several commands of one writer on one stream, decided in order against the state each leaves and
 * appended together (one round trip, one expected revision). Each keeps its own command id and
 * metadata, so a repeat is recognised per command; a command the domain refuses is answered with
 * its error and the others go ahead. Positions answered are the batch's last.
 */
export function handleCommands<C extends Command, E extends { type: string; data: object }, S>(
  deps: HandleCommandDeps,
  target: CommandTarget<C, E, S>,
  commands: readonly C[],
  prepare?: PrepareCommand<C, S>,
): Promise<BatchOutcome[]> {
  const handle = () => handleBatchNow(deps, target, commands, prepare);
  return deps.streamQueue ? deps.streamQueue.run(target.streamName, handle) : handle();
}

async function handleBatchNow<C extends Command, E extends { type: string; data: object }, S>(
  deps: HandleCommandDeps,
  target: CommandTarget<C, E, S>,
  commands: readonly C[],
  prepare: PrepareCommand<C, S> | undefined,
): Promise<BatchOutcome[]> {
  const maxAttempts = deps.maxAttempts ?? 30;
  let trustCache = !readsFirst(deps, commands);
  for (let attempt = 1; ; attempt++) {
    const cached = trustCache ? deps.streams?.get<S>(target.streamName) : undefined;
    trustCache = false;
    const loaded = cached ?? (await loadSummary(deps.store, deps.streams, target.streamName, target.decider));
    const decided = await decideBatch(deps.ids, target, commands, loaded, prepare);
    const toAppend = decided.flatMap((entry) => entry.events);
    if (toAppend.length === 0) {
      // Nothing appended means nothing checked the cached summary against the stream: read it.
      if (cached !== undefined) continue;
      return decided.map((entry) => entry.outcome ?? { ok: true, result: currentResult(loaded, target.aggregateId) });
    }
    try {
      const expectedRevision = loaded.revision === undefined ? 'no_stream' : loaded.revision;
      const appended = await deps.store.appendToStream(target.streamName, toAppend, { expectedRevision });
      if (!rememberAppend(deps.streams, target.streamName, loaded, toAppend, appended, target.decider, (commands[0] as C).metadata.now) && attempt < maxAttempts) continue;
      const result = { id: target.aggregateId, revision: appended.nextExpectedRevision, position: appended.position };
      return decided.map((entry) => entry.outcome ?? { ok: true, result });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw error;
    }
  }
}

interface DecidedEntry {
  readonly events: EventToAppend[];
  /** Set when the command needs no append: replayed, refused, or a no-op. */
  readonly outcome?: BatchOutcome;
}

async function decideBatch<C extends Command, E extends { type: string; data: object }, S>(
  ids: Ids,
  target: CommandTarget<C, E, S>,
  commands: readonly C[],
  loaded: StreamSummary<S>,
  prepare: PrepareCommand<C, S> | undefined,
): Promise<DecidedEntry[]> {
  let state = loaded.state;
  const entries: DecidedEntry[] = [];
  for (const command of commands) {
    try {
      guardTenant(loaded, command, target);
      guardLease(loaded, command);
      const earlier = earlierResult(loaded, command, target.aggregateId);
      if (earlier) {
        entries.push({ events: [], outcome: { ok: true, result: earlier } });
        continue;
      }
      const prepared = prepare ? await prepare(command, state) : command;
      const events = target.decider.decide(prepared, state);
      state = events.reduce((current, event) => target.decider.evolve(current, event), state);
      entries.push({ events: eventsToAppend(ids, target, prepared, events, undefined), ...(events.length === 0 ? { outcome: { ok: true, result: currentResult(loaded, target.aggregateId) } } : {}) });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'ENGINE.STALE_LEASE') throw error;
      entries.push({ events: [], outcome: { ok: false, error } });
    }
  }
  return entries;
}

async function append<C extends Command, E extends { type: string; data: object }, S>(
  deps: HandleCommandDeps,
  target: CommandTarget<C, E, S>,
  command: C,
  loaded: StreamSummary<S>,
  events: readonly E[],
  client: ClientInfo | undefined,
): Promise<CommandResult | 'repeat'> {
  const toAppend = eventsToAppend(deps.ids, target, command, events, client);
  const expectedRevision = loaded.revision === undefined ? 'no_stream' : loaded.revision;
  const result = await deps.store.appendToStream(target.streamName, toAppend, { expectedRevision });
  if (!rememberAppend(deps.streams, target.streamName, loaded, toAppend, result, target.decider, command.metadata.now)) return 'repeat';
  return { id: target.aggregateId, revision: result.nextExpectedRevision, position: result.position };
}

/** A command's events as stored: ids derived from the command id (a retried request appends nothing twice). */
function eventsToAppend<C extends Command, E extends { type: string; data: object }, S>(
  ids: Ids,
  target: CommandTarget<C, E, S>,
  command: C,
  events: readonly E[],
  client: ClientInfo | undefined,
): EventToAppend[] {
  const metadata = eventMetadata(command, client);
  const reasons = target.ruleReasons?.(events) ?? [];
  return events.map((event, index) => ({
    id: ids.derive(`${command.metadata.commandId}/${target.streamName}/${index}`),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: reasons[index] === undefined ? metadata : { ...metadata, reason: reasons[index] },
  }));
}

function guardTenant(loaded: StreamSummary<unknown>, command: Command, target: { notFound: ErrorCode; aggregateId: string }): void {
  if (loaded.tenantId !== undefined && loaded.tenantId !== command.metadata.tenantId) {
    throw new DomainError(target.notFound, `${target.aggregateId} not found`, { id: target.aggregateId });
  }
}

/**
 * Fencing (Leases port): an engine that lost its lease must not act on what it read before. Any
 * event of this stream recorded under the same lease key with a higher token means another engine
 * has taken over since; the stale command is refused. User commands carry no lease and pass.
 */
function guardLease(loaded: StreamSummary<unknown>, command: Command): void {
  const fence = command.metadata.lease;
  if (fence === undefined) return;
  const newest = loaded.leaseTokens.get(fence.key);
  if (newest !== undefined && newest > fence.token) {
    throw new DomainError('ENGINE.STALE_LEASE', `Lease ${fence.key} token ${fence.token} is stale; ${newest} was recorded since`, {
      key: fence.key,
      token: fence.token,
      currentToken: newest,
    });
  }
}

function earlierResult(loaded: StreamSummary<unknown>, command: Command, aggregateId: string): CommandResult | undefined {
  const earlier = loaded.commands.get(command.metadata.commandId);
  if (earlier === undefined) return undefined;
  if (earlier.commandType !== command.type) {
    throw new DomainError('COMMAND.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for another command', {
      commandType: earlier.commandType,
    });
  }
  return { id: aggregateId, revision: earlier.revision, position: earlier.position, replayed: true };
}

function currentResult(loaded: StreamSummary<unknown>, aggregateId: string): CommandResult {
  return { id: aggregateId, revision: loaded.revision ?? -1, position: loaded.position ?? null };
}
