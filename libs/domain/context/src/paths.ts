import { codePointLength, DomainError } from '@orch/kernel';

/** Path syntax of DOMAIN.md §5.2: 1..32 segments joined by `.`, each 1..128 code points. `''` is the root. */
export const PATH_LIMITS = { maxSegments: 32, maxSegmentLength: 128 } as const;

export type PathRule =
  | 'not_a_string'
  | 'empty'
  | 'too_many_segments'
  | 'empty_segment'
  | 'segment_too_long'
  | 'segment_contains_dot';

export const ROOT_PATH = '';

export function splitPath(path: string): string[] {
  return path === ROOT_PATH ? [] : path.split('.');
}

export function joinPath(prefix: string, key: string): string {
  return prefix === ROOT_PATH ? key : `${prefix}.${key}`;
}

/** The rule a document key breaks, or null. A key is a segment, so it must not contain a dot. */
export function keyRule(key: string): PathRule | null {
  if (key.length === 0) return 'empty_segment';
  if (key.includes('.')) return 'segment_contains_dot';
  return codePointLength(key) > PATH_LIMITS.maxSegmentLength ? 'segment_too_long' : null;
}

/** The rule a path breaks, or null. The root is allowed only where `allowRoot` says so (merge). */
export function pathRule(path: unknown, allowRoot: boolean): PathRule | null {
  if (typeof path !== 'string') return 'not_a_string';
  if (path === ROOT_PATH) return allowRoot ? null : 'empty';
  const segments = splitPath(path);
  if (segments.length > PATH_LIMITS.maxSegments) return 'too_many_segments';
  for (const segment of segments) {
    const rule = keyRule(segment);
    if (rule !== null) return rule;
  }
  return null;
}

export function invalidPath(path: string, rule: PathRule): DomainError {
  return new DomainError('CONTEXT.INVALID_PATH', `invalid path "${path}": ${rule}`, { path, rule });
}

export function assertPath(path: string, allowRoot: boolean): void {
  const rule = pathRule(path, allowRoot);
  if (rule !== null) throw invalidPath(String(path), rule);
}

/** `a` is `b`, above it (an ancestor) or below it (a descendant). The root overlaps everything. */
export function overlaps(a: string, b: string): boolean {
  return a === b || a === ROOT_PATH || b === ROOT_PATH || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** The path itself and every ancestor except the root, deepest first: `a.b.c`, `a.b`, `a`. */
export function selfAndAncestors(path: string): string[] {
  const segments = splitPath(path);
  return segments.map((_, i) => segments.slice(0, segments.length - i).join('.'));
}

/**
 * A predicate "overlaps any of `paths`" in O(depth) per query instead of comparing every pair: a path overlaps
 * when it is indexed, is an ancestor of an indexed path, or has an indexed ancestor.
 */
export function overlapsAnyOf(paths: Iterable<string>): (path: string) => boolean {
  const exact = new Set<string>();
  const selvesAndAncestors = new Set<string>();
  for (const path of paths) {
    exact.add(path);
    for (const prefix of selfAndAncestors(path)) selvesAndAncestors.add(prefix);
  }
  if (exact.has(ROOT_PATH)) return () => true;
  return (path) =>
    (path === ROOT_PATH && exact.size > 0) ||
    selvesAndAncestors.has(path) ||
    selfAndAncestors(path).some((prefix) => exact.has(prefix));
}
