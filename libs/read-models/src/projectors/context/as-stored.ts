/**
 * A JSON value as a jsonb column gives it back: object keys in jsonb's order (shorter keys
 * first, then bytewise; the last of duplicate keys wins, which JS objects already ensure). A
 * document folded in memory then behaves exactly like one read from the table, whatever the
 * batch boundaries were.
 */
export function asStored<T>(value: T): T {
  if (Array.isArray(value)) return value.map(asStored) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => jsonbKeyOrder(a, b));
  return Object.fromEntries(entries.map(([key, item]) => [key, asStored(item)])) as T;
}

function jsonbKeyOrder(a: string, b: string): number {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length - y.length || Buffer.compare(x, y);
}
