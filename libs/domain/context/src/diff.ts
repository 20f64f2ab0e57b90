import { deepEqual, isJsonObject, type JsonObject, type JsonValue } from '@orch/kernel';
import { compareCodePoints, sortByPath } from './code-point-order';
import type { ContextChanges } from './context.events';
import { joinPath, ROOT_PATH } from './paths';

/** DOMAIN.md §5.2: documents compared as leaf paths; a leaf is any value but a non-empty object. */
export interface LeafValue {
  readonly path: string;
  readonly value: JsonValue;
}

export interface ModifiedLeaf {
  readonly path: string;
  readonly from: JsonValue;
  readonly to: JsonValue;
}

export interface DocumentDiff {
  readonly added: readonly LeafValue[];
  readonly modified: readonly ModifiedLeaf[];
  readonly deleted: readonly LeafValue[];
}

/** Leaf path → value. The root itself is never a leaf; arrays are values, never traversed. */
export function flatten(document: JsonObject, prefix: string = ROOT_PATH): Map<string, JsonValue> {
  const leaves = new Map<string, JsonValue>();
  collectLeaves(document, prefix, leaves);
  return leaves;
}

function collectLeaves(object: JsonObject, prefix: string, into: Map<string, JsonValue>): void {
  for (const [key, value] of Object.entries(object)) {
    const path = joinPath(prefix, key);
    if (isJsonObject(value) && Object.keys(value).length > 0) collectLeaves(value, path, into);
    else into.set(path, value);
  }
}

export function leafPaths(document: JsonObject, prefix: string = ROOT_PATH): string[] {
  return [...flatten(document, prefix).keys()];
}

/** `diff(from, to)`: added (only in `to`), deleted (only in `from`), modified (in both, not deeply equal). */
export function diff(from: JsonObject, to: JsonObject): DocumentDiff {
  const before = flatten(from);
  const after = flatten(to);
  const added: LeafValue[] = [];
  const modified: ModifiedLeaf[] = [];
  const deleted: LeafValue[] = [];
  for (const [path, value] of after) {
    if (!before.has(path)) added.push({ path, value });
    else if (!deepEqual(before.get(path), value)) modified.push({ path, from: before.get(path) as JsonValue, to: value });
  }
  for (const [path, value] of before) if (!after.has(path)) deleted.push({ path, value });
  return { added: sortByPath(added), modified: sortByPath(modified), deleted: sortByPath(deleted) };
}

/** The leaf paths of a diff, as write events record them. */
export function changesOf(documentDiff: DocumentDiff): ContextChanges {
  const paths = (items: readonly { path: string }[]) => items.map((item) => item.path).sort(compareCodePoints);
  return { added: paths(documentDiff.added), modified: paths(documentDiff.modified), deleted: paths(documentDiff.deleted) };
}

export function hasChanges(changes: ContextChanges): boolean {
  return changes.added.length + changes.modified.length + changes.deleted.length > 0;
}

export function changedPaths(changes: ContextChanges): string[] {
  return [...changes.added, ...changes.modified, ...changes.deleted];
}
