/** Text limits count Unicode code points after trimming (DOMAIN.md §1). */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function trimmedLengthWithin(text: string, min: number, max: number): boolean {
  const length = codePointLength(text.trim());
  return length >= min && length <= max;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const TASK_ID_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
