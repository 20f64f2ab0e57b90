import type { JsonObject, JsonValue } from '@orch/kernel';

/*
 * Copy-on-write access to JSON objects by key. Document keys are arbitrary strings, so `obj[key] = v`
 * (which would set the prototype for `__proto__`) and inherited reads (`toString`) are avoided.
 */
export function getOwn(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function withKey(object: JsonObject, key: string, value: JsonValue): JsonObject {
  return { ...object, [key]: value };
}

export function withoutKey(object: JsonObject, key: string): JsonObject {
  const { [key]: _removed, ...rest } = object;
  return rest;
}
