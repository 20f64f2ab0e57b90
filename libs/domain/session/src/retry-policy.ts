import { addMs } from '@orch/kernel';

/** §3.5 attempts and retry policy. */
export const MAX_TASK_ATTEMPTS = 3;
const BASE_BACKOFF_MS = 5000;
const MAX_BACKOFF_MS = 300_000;

/** A retryable failure leaving `attemptsUsed` < 3 is retried after 5 s, 10 s, …; otherwise it is final (null). */
export function retryAtAfter(attemptsUsed: number, retryable: boolean, at: string): string | null {
  if (!retryable || attemptsUsed >= MAX_TASK_ATTEMPTS) return null;
  return addMs(at, Math.min(BASE_BACKOFF_MS * 2 ** (attemptsUsed - 1), MAX_BACKOFF_MS));
}
