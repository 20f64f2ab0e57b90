/** Pure time arithmetic on ISO 8601 UTC strings; the current time always arrives in a command. */
export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export function diffMs(later: string, earlier: string): number {
  return Date.parse(later) - Date.parse(earlier);
}

export function isBeforeOrAt(a: string, b: string): boolean {
  return Date.parse(a) <= Date.parse(b);
}

export function isIsoTimestamp(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) && !Number.isNaN(Date.parse(value));
}
