import { exhaustive } from '@orch/kernel';
import type { JsonObject } from '@orch/kernel';
import type { ContextScope } from './context.commands';
import type {
  ContextCreated,
  ContextEvent,
  ContextMerged,
  ContextVersionWritten,
  MergeConflict,
  Provenance,
} from './context.events';
import { withConflicts, withoutTouched } from './conflicts';
import { leafPaths } from './diff';
import { applyOperations, operationPaths } from './operations';
import { recordChanges, recordContextChanges, type PathChanges } from './path-changes';

interface ContextFields {
  readonly contextId: string;
  readonly tenantId: string;
  readonly scope: ContextScope;
  readonly sessionId?: string;
  readonly agentId?: string;
  readonly document: JsonObject;
  readonly version: number;
  readonly createdAt: string;
  readonly expiresAt?: string;
  readonly provenance?: Provenance;
  readonly openConflicts: readonly MergeConflict[];
  readonly pathChanges: PathChanges;
}

export interface ActiveContext extends ContextFields {
  readonly status: 'active';
}

export interface ExpiredContext extends ContextFields {
  readonly status: 'expired';
  readonly expiredAt: string;
}

export type ExistingContext = ActiveContext | ExpiredContext;
export type ContextState = { readonly status: 'absent' } | ExistingContext;

export const initialState = (): ContextState => ({ status: 'absent' });

/** Folds one recorded event; never throws (the event already happened). */
export function evolve(state: ContextState, event: ContextEvent): ContextState {
  switch (event.type) {
    case 'ContextCreated':
      return state.status === 'absent' ? created(event) : state;
    case 'ContextVersionWritten':
      return state.status === 'absent' ? state : written(state, event);
    case 'ContextMerged':
      return state.status === 'absent' ? state : merged(state, event);
    case 'ContextShared':
    case 'ContextPromoted':
      return state;
    case 'ContextExpired':
      return state.status === 'active' ? { ...state, status: 'expired', expiredAt: event.data.at } : state;
    default:
      return exhaustive(event, state);
  }
}

function created({ data }: ContextCreated): ActiveContext {
  const { at, version, document, ...fields } = data;
  return {
    ...fields,
    status: 'active',
    document,
    version,
    createdAt: at,
    openConflicts: [],
    pathChanges: recordChanges(new Map(), leafPaths(document), { version, at }),
  };
}

function written<S extends ExistingContext>(state: S, { data }: ContextVersionWritten): S {
  const result = applyOperations(state.document, data.operations);
  return {
    ...state,
    document: result.ok ? result.document : state.document,
    version: data.version,
    pathChanges: recordContextChanges(state.pathChanges, data.changes, { version: data.version, at: data.at }),
    openConflicts: withoutTouched(state.openConflicts, operationPaths(data.operations)),
  };
}

function merged<S extends ExistingContext>(state: S, { data }: ContextMerged): S {
  const result = applyOperations(state.document, data.operations);
  return {
    ...state,
    document: result.ok ? result.document : state.document,
    version: data.version,
    pathChanges: recordContextChanges(state.pathChanges, data.changes, { version: data.version, at: data.at }),
    openConflicts: withConflicts(state.openConflicts, data.conflicts),
  };
}
