import { OrchProblemError } from '@orch/client';

export type FieldErrors = Readonly<Record<string, string>>;

/**
 * The api's refusal as messages per field: class-validator's `errors` list, or a domain rule's
 * `details.field`; anything else lands under `form`.
 */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof OrchProblemError)) return { form: error instanceof Error ? error.message : String(error) };
  const out: Record<string, string> = {};
  for (const item of error.errors ?? []) out[item.field] ??= item.message ?? item.rule;
  const field = error.details?.['field'];
  if (typeof field === 'string') out[field] ??= String(error.details?.['rule'] ?? error.problem.detail);
  if (Object.keys(out).length === 0) out['form'] = error.message;
  return out;
}

/** What the form checks before it sends: a parsable http(s) URL, and 1..50 event type prefixes. */
export function validateWebhookForm(url: string, prefixes: readonly string[]): FieldErrors {
  const errors: Record<string, string> = {};
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!url.trim()) errors['url'] = 'required';
  else if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) errors['url'] = 'an http(s) URL';
  if (prefixes.length === 0) errors['eventTypes'] = 'at least one event type prefix (e.g. Session, TaskFailed)';
  else if (prefixes.length > 50) errors['eventTypes'] = 'at most 50 prefixes';
  return errors;
}

/** `Session, TaskFailed` → `['Session', 'TaskFailed']` (commas or spaces). */
export const parsePrefixes = (text: string): string[] => [...new Set(text.split(/[\s,]+/).filter(Boolean))];
