import { TASK_ID_PATTERN } from '@orch/kernel';

/**
 * Ids become path segments and ref names only through here. Tenant and session ids are opaque
 * (session ids are uuids today): letters, digits, `_` and `-`, starting with a letter or digit —
 * so no `/`, no `..`, no leading `-` that git could read as an option.
 */
const OPAQUE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export class InvalidWorkspaceRequest extends Error {}

export function validTenantId(value: string): string {
  return checked('tenantId', value, OPAQUE_ID);
}

export function validSessionId(value: string): string {
  return checked('sessionId', value, OPAQUE_ID);
}

/** Task ids as the planner makes them (DOMAIN.md §3, `TASK_ID_PATTERN`). */
export function validTaskId(value: string): string {
  return checked('taskId', value, TASK_ID_PATTERN);
}

export function validAttempt(value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidWorkspaceRequest(`attempt must be a positive integer, got ${String(value)}`);
  return value;
}

/** A full commit id (sha1 or sha256), lowercase. */
export function validCommit(value: string, field: string): string {
  return checked(field, value, /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/);
}

function checked(field: string, value: unknown, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new InvalidWorkspaceRequest(`${field} ${JSON.stringify(value)} is not a valid id (${pattern.source})`);
  }
  return value;
}

export const resultBranch = (sessionId: string): string => `orch/${sessionId}`;
/**
 * Not `orch/<sessionId>/<taskId>`: git keeps a ref as a file, so `orch/<sessionId>` (the result
 * branch, DOMAIN.md §2.4) cannot also be a directory of task branches. `orch/<sessionId>.tasks/…`
 * groups them next to it, and `git branch --list 'orch/<sessionId>*'` lists the session's branches.
 */
export const taskBranch = (sessionId: string, taskId: string): string => `orch/${sessionId}.tasks/${taskId}`;
