import { fieldInvalid } from '@orch/kernel';

type CursorValue = string | number;
type Shape = readonly ('string' | 'number')[];

const MAX_CURSOR_LENGTH = 600;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Opaque keyset cursors: the sort key of a page's last row, tagged with the list it belongs to,
 * as base64url JSON. Opaque to clients, so the order behind a list can change without breaking them.
 */
export function encodeCursor(kind: string, values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify({ k: kind, v: values }), 'utf8').toString('base64url');
}

/** The values of a cursor made by `encodeCursor(kind, …)`; anything else is `COMMAND.FIELD_INVALID` on `cursor`. */
export function decodeCursor(kind: string, cursor: string, shape: Shape): CursorValue[] {
  const parsed = parse(cursor);
  const values = parsed?.k === kind ? parsed.v : undefined;
  if (!Array.isArray(values) || values.length !== shape.length || shape.some((type, i) => typeof values[i] !== type)) {
    throw fieldInvalid('cursor', 'cursor');
  }
  return values as CursorValue[];
}

/** Whether a string could be a cursor of any list: the edge's format check before a query runs. */
export function isCursor(cursor: unknown): boolean {
  if (typeof cursor !== 'string') return false;
  const parsed = parse(cursor);
  return typeof parsed?.k === 'string' && Array.isArray(parsed.v);
}

function parse(cursor: string): { k?: unknown; v?: unknown } | undefined {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as { k?: unknown; v?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
