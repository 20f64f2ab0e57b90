import { codePointLength, fieldInvalid } from '@orch/kernel';

/** Field checks shared by the session commands; violations are `COMMAND.FIELD_INVALID {field, rule, limit?}` (§1). */
export function requiredText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw fieldInvalid(field, 'string');
  const text = value.trim();
  const length = codePointLength(text);
  if (length < 1 || length > max) throw fieldInvalid(field, 'length', `1..${max}`);
  return text;
}

export function optionalText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw fieldInvalid(field, 'string');
  const text = value.trim();
  if (codePointLength(text) > max) throw fieldInvalid(field, 'length', `0..${max}`);
  return text.length === 0 ? undefined : text;
}

export function integerIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw fieldInvalid(field, 'integer range', `${min}..${max}`);
  }
  return value;
}

export function numberIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw fieldInvalid(field, 'range', `${min}..${max}`);
  }
  return value;
}

export function nonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw fieldInvalid(field, 'non-negative integer');
  return value;
}

/** At most `decimals` decimal places, tolerant of binary floating point (0.1 + 0.2). */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** USD of 0.01..100000 with ≤ 2 decimals (§2.1 `budgetUsd`). */
export function budgetUsd(value: unknown, field: string): number {
  const usd = numberIn(value, field, 0.01, 100_000);
  if (!hasAtMostDecimals(usd, 2)) throw fieldInvalid(field, 'decimals', 2);
  return usd;
}

const COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** A commit: 40 or 64 lowercase hex (§6.1). */
export function commitSha(value: unknown, field: string): string {
  if (typeof value !== 'string' || !COMMIT_SHA.test(value)) throw fieldInvalid(field, 'commit sha', '40 or 64 lowercase hex');
  return value;
}

/** The first `max` code points of a text, for stored copies of longer texts. */
export function truncateCodePoints(text: string, max: number): string {
  return codePointLength(text) <= max ? text : Array.from(text).slice(0, max).join('');
}
