import { addMs, type CommandMetadata, type JsonObject, type JsonValue } from '@orch/kernel';
import type {
  ContextCommand,
  ContextOperation,
  CreateContextData,
  DeleteOperation,
  MergeOperation,
  MergeSource,
  MergeStrategy,
  SetOperation,
} from '../context.commands';
import type {
  ContextChanges,
  ContextCreated,
  ContextMerged,
  ContextVersionWritten,
  MergeConflict,
} from '../context.events';

/** Object mothers for the context specs: fixed ids and times, every field overridable. */
export const TENANT = 'tenant-a';
export const CONTEXT_ID = '01930000-0000-7000-8000-000000000001';
export const OTHER_CONTEXT_ID = '01930000-0000-7000-8000-000000000002';
export const NEW_CONTEXT_ID = '01930000-0000-7000-8000-000000000003';
export const SESSION_ID = '01930000-0000-7000-8000-0000000000a1';
export const AGENT_ID = '01930000-0000-7000-8000-0000000000b1';
export const T0 = '2026-01-01T00:00:00.000Z';

/** `minutes` after T0. */
export const at = (minutes: number): string => addMs(T0, minutes * 60_000);

export function metadata(now: string = T0, overrides: Partial<CommandMetadata> = {}): CommandMetadata {
  return {
    commandId: '01930000-0000-7000-8000-00000000c001',
    actor: 'user:01930000-0000-7000-8000-00000000k001',
    tenantId: TENANT,
    now,
    correlationId: '01930000-0000-7000-8000-00000000d001',
    ...overrides,
  };
}

type CommandOf<T extends ContextCommand['type']> = Extract<ContextCommand, { type: T }>;

export function command<T extends ContextCommand['type']>(type: T, data: CommandOf<T>['data'], now = T0): CommandOf<T> {
  return { type, data, metadata: metadata(now) } as CommandOf<T>;
}

export const set = (path: string, value: JsonValue): SetOperation => ({ op: 'set', path, value });
export const del = (path: string): DeleteOperation => ({ op: 'delete', path });
export const merge = (path: string, value: JsonObject): MergeOperation => ({ op: 'merge', path, value });

export const changes = (partial: Partial<ContextChanges> = {}): ContextChanges => ({
  added: [],
  modified: [],
  deleted: [],
  ...partial,
});

export function created(overrides: Partial<ContextCreated['data']> = {}): ContextCreated {
  return {
    type: 'ContextCreated',
    data: { contextId: CONTEXT_ID, tenantId: TENANT, scope: 'session', sessionId: SESSION_ID, document: {}, version: 1, at: T0, ...overrides },
  };
}

export function written(
  version: number,
  operations: readonly ContextOperation[],
  recorded: Partial<ContextChanges>,
  when: string = at(version),
): ContextVersionWritten {
  return { type: 'ContextVersionWritten', data: { version, operations, changes: changes(recorded), at: when } };
}

export function merged(overrides: Partial<ContextMerged['data']> & { version: number }): ContextMerged {
  return {
    type: 'ContextMerged',
    data: {
      sourceContextId: OTHER_CONTEXT_ID,
      sourceVersion: 3,
      strategy: 'manual',
      operations: [],
      changes: changes(),
      conflicts: [] as MergeConflict[],
      at: at(overrides.version),
      ...overrides,
    },
  };
}

export const createContext = (data: Partial<CreateContextData> = {}, now = T0) =>
  command('CreateContext', { contextId: CONTEXT_ID, scope: 'session', sessionId: SESSION_ID, ownerExists: true, ...data }, now);

export const writeContext = (expectedVersion: number, operations: readonly ContextOperation[], now = at(30)) =>
  command('WriteContext', { contextId: CONTEXT_ID, expectedVersion, operations }, now);

export const mergeContext = (
  expectedVersion: number,
  strategy: MergeStrategy,
  source: Partial<MergeSource> = {},
  now = at(30),
) =>
  command(
    'MergeContext',
    {
      contextId: CONTEXT_ID,
      expectedVersion,
      strategy,
      source: { contextId: OTHER_CONTEXT_ID, version: 3, document: {}, pathTimes: {}, ...source },
    },
    now,
  );

export const shareContext = (targetSessionExists = true, now = at(30)) =>
  command('ShareContext', { contextId: CONTEXT_ID, newContextId: NEW_CONTEXT_ID, targetSessionId: SESSION_ID, targetSessionExists }, now);

export const promoteContext = (now = at(30)) =>
  command('PromoteContext', { contextId: CONTEXT_ID, newContextId: NEW_CONTEXT_ID }, now);

export const expireContext = (now: string) => command('ExpireContext', { contextId: CONTEXT_ID }, now);
