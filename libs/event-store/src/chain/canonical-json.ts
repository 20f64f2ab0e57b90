/**
 * Canonical JSON for hashing: exactly what JSON.stringify would store (undefined members dropped,
 * undefined array items as null, -0 as 0), with object keys sorted by code unit at every level.
 * A value read back from jsonb or EventStoreDB canonicalises to the same text it had when appended.
 */
export function canonicalJson(value: unknown): string {
  const plain: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
  return write(plain);
}

function write(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${write(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}
