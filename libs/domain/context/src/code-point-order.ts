/**
 * Orders strings by Unicode code point (DOMAIN.md §5.2), not by UTF-16 code unit as `Array.prototype.sort`
 * does: U+FF5E sorts before U+1F600 although the latter's high surrogate (0xD83D) is smaller.
 */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    if (x.value !== y.value) return (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
  }
}

export function sortByCodePoint(values: Iterable<string>): string[] {
  return [...values].sort(compareCodePoints);
}

export function sortByPath<T extends { readonly path: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => compareCodePoints(a.path, b.path));
}
