import { DomainError, isJsonObject, type JsonObject, exhaustive } from '@orch/kernel';
import type { ContextOperation } from './context.commands';
import { leafPaths } from './diff';
import { getOwn } from './json-access';
import { createDraft, putKey, removeKey, writable, type Draft } from './draft';
import { joinPath, ROOT_PATH, splitPath } from './paths';

/** Applying operations (DOMAIN.md §5.2) never throws: a PATH_CONFLICT is a result, so `evolve` can reuse it. */
export type ApplyResult =
  | { readonly ok: true; readonly document: JsonObject }
  | { readonly ok: false; readonly conflictPath: string };

/** In order, all or nothing: the first conflict stops the whole list. The input document is never mutated. */
export function applyOperations(document: JsonObject, operations: readonly ContextOperation[]): ApplyResult {
  const draft = createDraft(document);
  for (const operation of operations) {
    const conflictPath = applyOperation(draft, operation);
    if (conflictPath !== null) return { ok: false, conflictPath };
  }
  return { ok: true, document: draft.root };
}

/** For `decide`: the applied document, or CONTEXT.PATH_CONFLICT where a non-object was met. */
export function applyOrThrow(document: JsonObject, operations: readonly ContextOperation[]): JsonObject {
  const result = applyOperations(document, operations);
  if (!result.ok) {
    throw new DomainError('CONTEXT.PATH_CONFLICT', `a non-object stands at "${result.conflictPath}"`, {
      path: result.conflictPath,
    });
  }
  return result.document;
}

/** The conflicting path, or null when applied. */
function applyOperation(draft: Draft, operation: ContextOperation): string | null {
  const segments = splitPath(operation.path);
  switch (operation.op) {
    case 'set': {
      const parent = objectAt(draft, segments.slice(0, -1));
      if (typeof parent === 'string') return parent;
      putKey(parent, segments[segments.length - 1] ?? '', operation.value);
      return null;
    }
    case 'merge': {
      const target = objectAt(draft, segments);
      if (typeof target === 'string') return target;
      mergeInto(draft, target, operation.value);
      return null;
    }
    case 'delete':
      deleteAt(draft, segments);
      return null;
    default:
      return exhaustive(operation, null);
  }
}

/** The writable object at `segments`, creating missing ones; a non-object on the way → its path. */
function objectAt(draft: Draft, segments: readonly string[]): JsonObject | string {
  let object = draft.root;
  let path = ROOT_PATH;
  for (const key of segments) {
    path = joinPath(path, key);
    const child = getOwn(object, key) ?? {};
    if (!isJsonObject(child)) return path;
    const next = writable(draft, child);
    putKey(object, key, next);
    object = next;
  }
  return object;
}

/** Removes a key; a missing key (or one under a non-object) is no change and copies nothing. */
function deleteAt(draft: Draft, segments: readonly string[]): void {
  const parents = segments.slice(0, -1);
  const key = segments[segments.length - 1] ?? '';
  let probe: JsonObject = draft.root;
  for (const segment of parents) {
    const child = getOwn(probe, segment);
    if (!isJsonObject(child)) return;
    probe = child;
  }
  if (!Object.hasOwn(probe, key)) return;
  const parent = objectAt(draft, parents);
  if (typeof parent !== 'string') removeKey(parent, key);
}

/** The `merge` operation: objects on both sides recurse, every other value (arrays too) replaces. */
function mergeInto(draft: Draft, target: JsonObject, value: JsonObject): void {
  for (const [key, incoming] of Object.entries(value)) {
    const current = getOwn(target, key);
    if (isJsonObject(current) && isJsonObject(incoming)) {
      const next = writable(draft, current);
      putKey(target, key, next);
      mergeInto(draft, next, incoming);
    } else putKey(target, key, incoming);
  }
}

/** The paths a list of operations writes: set/delete their path, merge every leaf of its value (§5.2). */
export function operationPaths(operations: readonly ContextOperation[]): string[] {
  return operations.flatMap((operation) =>
    operation.op === 'merge' ? mergeLeafPaths(operation.path, operation.value) : [operation.path],
  );
}

function mergeLeafPaths(path: string, value: JsonObject): string[] {
  const leaves = leafPaths(value, path);
  return leaves.length === 0 && path !== ROOT_PATH ? [path] : leaves;
}
