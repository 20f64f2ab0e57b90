import type { JsonObject, JsonValue } from '@orch/kernel';

/*
 * Copy-on-write for one batch of operations: each object is copied at most once per batch, then changed in
 * place, so 100 operations (or a merge's thousands of `set`s) on a 10,000-key document stay linear. Objects
 * from the input document or from command values are never mutated: only copies made here are `owned`.
 */
export interface Draft {
  root: JsonObject;
  readonly owned: WeakSet<JsonObject>;
}

export function createDraft(document: JsonObject): Draft {
  const draft: Draft = { root: document, owned: new WeakSet() };
  draft.root = writable(draft, document);
  return draft;
}

export function writable(draft: Draft, object: JsonObject): JsonObject {
  if (draft.owned.has(object)) return object;
  const copy = { ...object };
  draft.owned.add(copy);
  return copy;
}

/** Defines an own property, so a key such as `__proto__` stays data and never sets the prototype. */
export function putKey(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

export function removeKey(object: JsonObject, key: string): void {
  delete object[key];
}
