import { isJsonObject, type JsonValue } from '@orch/kernel';
import { compareCodePoints } from './code-point-order';

/**
 * JSON with object keys sorted: two values are deeply equal (key order ignored, like `deepEqual`) exactly when
 * their canonical forms are equal, so membership tests can use a Set instead of pairwise comparison.
 */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort(compareCodePoints);
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
