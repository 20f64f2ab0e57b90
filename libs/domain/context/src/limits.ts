import { DomainError, isJsonObject, type JsonObject, type JsonValue } from '@orch/kernel';
import { invalidPath, joinPath, keyRule, ROOT_PATH, type PathRule } from './paths';
import { utf8ByteLength } from './utf8';

/** DOMAIN.md §5.2 limits, checked on the result of a whole command. */
export const CONTEXT_LIMITS = { maxBytes: 1_048_576, maxDepth: 32, maxKeys: 10_000 } as const;

export interface DocumentShape {
  /** Objects on the deepest chain, the document itself counting 1 (`{}` → 1, `{a:{}}` → 2). */
  readonly depth: number;
  /** Keys of all objects at all depths, objects inside arrays included. */
  readonly keys: number;
  /** The first key (outside arrays, where keys are path segments) that breaks the path syntax. */
  readonly invalidKey?: { readonly path: string; readonly rule: PathRule };
}

interface Pending {
  readonly value: JsonValue;
  readonly depth: number;
  /** null inside arrays: keys there are never addressed by a path. */
  readonly path: string | null;
}

/** Iterative, so a pathologically deep input is measured instead of overflowing the stack. */
export function measure(value: JsonValue, prefix: string = ROOT_PATH, outerDepth = 0): DocumentShape {
  let depth = 0;
  let keys = 0;
  let invalidKey: DocumentShape['invalidKey'];
  const stack: Pending[] = [{ value, depth: outerDepth, path: prefix }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (Array.isArray(next.value)) {
      for (const item of next.value) stack.push({ value: item, depth: next.depth, path: null });
    } else if (isJsonObject(next.value)) {
      const level = next.depth + 1;
      depth = Math.max(depth, level);
      for (const [key, child] of Object.entries(next.value)) {
        keys++;
        const path = next.path === null ? null : joinPath(next.path, key);
        const rule = path === null ? null : keyRule(key);
        if (rule !== null && invalidKey === undefined) invalidKey = { path: path as string, rule };
        stack.push({ value: child, depth: level, path });
      }
    }
  }
  return invalidKey === undefined ? { depth, keys } : { depth, keys, invalidKey };
}

export function assertValidKeys(shape: DocumentShape): void {
  if (shape.invalidKey) throw invalidPath(shape.invalidKey.path, shape.invalidKey.rule);
}

export function tooDeep(actual: number): DomainError {
  return limitError('CONTEXT.TOO_DEEP', actual, CONTEXT_LIMITS.maxDepth);
}

/** Depth first (it bounds the recursion of `JSON.stringify`), then keys, then the UTF-8 size. */
export function assertWithinLimits(document: JsonObject): void {
  const shape = measure(document);
  if (shape.depth > CONTEXT_LIMITS.maxDepth) throw tooDeep(shape.depth);
  if (shape.keys > CONTEXT_LIMITS.maxKeys) throw limitError('CONTEXT.TOO_MANY_KEYS', shape.keys, CONTEXT_LIMITS.maxKeys);
  const bytes = documentBytes(document);
  if (bytes > CONTEXT_LIMITS.maxBytes) throw limitError('CONTEXT.TOO_LARGE', bytes, CONTEXT_LIMITS.maxBytes);
}

export function documentBytes(document: JsonObject): number {
  return utf8ByteLength(JSON.stringify(document));
}

function limitError(
  code: 'CONTEXT.TOO_LARGE' | 'CONTEXT.TOO_DEEP' | 'CONTEXT.TOO_MANY_KEYS',
  actual: number,
  limit: number,
): DomainError {
  return new DomainError(code, `${code}: ${actual} > ${limit}`, { actual, limit });
}
