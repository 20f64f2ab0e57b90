import { DomainError, isJsonObject, type JsonObject, type JsonValue } from '@orch/kernel';
import type { ContextOperation } from './context.commands';
import { leafPaths } from './diff';
import { exhaustive } from './exhaustive';
import { getOwn, withKey, withoutKey } from './json-access';
import { joinPath, ROOT_PATH, splitPath } from './paths';

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

/** Applying operations (DOMAIN.md §5.2) never throws: a PATH_CONFLICT is a result, so `evolve` can reuse it. */
export type ApplyResult =
  | { readonly ok: true; readonly document: JsonObject }
  | { readonly ok: false; readonly conflictPath: string };

const ok = (document: JsonObject): ApplyResult => ({ ok: true, document });

/** In order, all or nothing: the first conflict stops the whole list. */
export function applyOperations(document: JsonObject, operations: readonly ContextOperation[]): ApplyResult {
  let result: ApplyResult = ok(document);
  for (const operation of operations) {
    if (!result.ok) return result;
    result = applyOperation(result.document, operation);
  }
  return result;
}

export function applyOperation(document: JsonObject, operation: ContextOperation): ApplyResult {
  const segments = splitPath(operation.path);
  switch (operation.op) {
    case 'set': {
      const key = segments[segments.length - 1] ?? '';
      return updateObjectAt(document, segments.slice(0, -1), ROOT_PATH, (target) =>
        ok(withKey(target, key, operation.value)),
      );
    }
    case 'merge':
      return updateObjectAt(document, segments, ROOT_PATH, (target) => ok(mergeObjects(target, operation.value)));
    case 'delete':
      return ok(deleteAt(document, segments));
    default:
      return exhaustive(operation, ok(document));
  }
}

/** Walks to the object at `segments`, creating missing ones; meeting a non-object is a conflict there. */
function updateObjectAt(
  object: JsonObject,
  segments: readonly string[],
  prefix: string,
  update: (target: JsonObject) => ApplyResult,
): ApplyResult {
  const [head, ...rest] = segments;
  if (head === undefined) return update(object);
  const path = joinPath(prefix, head);
  const child = getOwn(object, head) ?? {};
  if (!isJsonObject(child)) return { ok: false, conflictPath: path };
  const inner = updateObjectAt(child, rest, path, update);
  return inner.ok ? ok(withKey(object, head, inner.document)) : inner;
}

/** Removes a key; a missing key (or one under a non-object) is no change. */
function deleteAt(object: JsonObject, segments: readonly string[]): JsonObject {
  const [head, ...rest] = segments;
  if (head === undefined || !Object.hasOwn(object, head)) return object;
  if (rest.length === 0) return withoutKey(object, head);
  const child = getOwn(object, head);
  return isJsonObject(child) ? withKey(object, head, deleteAt(child, rest)) : object;
}

/** The `merge` operation: objects on both sides recurse, every other value (arrays too) replaces. */
export function mergeObjects(target: JsonObject, value: JsonObject): JsonObject {
  let result = target;
  for (const [key, incoming] of Object.entries(value)) {
    const current = getOwn(result, key);
    const merged: JsonValue =
      isJsonObject(current) && isJsonObject(incoming) ? mergeObjects(current, incoming) : incoming;
    result = withKey(result, key, merged);
  }
  return result;
}

/** The paths a list of operations writes: set/delete their path, merge every leaf of its value (§5.2). */
export function operationPaths(operations: readonly ContextOperation[]): string[] {
  return operations.flatMap((operation) => (operation.op === 'merge' ? mergeLeafPaths(operation.path, operation.value) : [operation.path]));
}

function mergeLeafPaths(path: string, value: JsonObject): string[] {
  const leaves = leafPaths(value, path);
  return leaves.length === 0 && path !== ROOT_PATH ? [path] : leaves;
}
