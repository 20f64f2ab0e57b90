import type { JsonObject, JsonValue } from '@orch/kernel';

/** Own-key read: document keys are arbitrary strings, so inherited names (`toString`, `__proto__`) must not leak. */
export function getOwn(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}
