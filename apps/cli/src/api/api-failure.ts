import { OrchProblemError } from '@orch/client';
import { EXIT } from '../cli-error';
import { type ApiTarget } from './api-target';

export interface ApiFailure {
  readonly lines: readonly string[];
  readonly exitCode: number;
}

/**
 * What the operator sees when the api says no: the problem's title and stable code, its detail,
 * every field error, and a hint of what to do. A refused key or a request the api finds malformed
 * (400, or 422 naming fields) is the caller's mistake (exit 2); everything else, a domain rule
 * included, is a failed command (exit 1).
 */
export function describeFailure(error: unknown, target: ApiTarget): ApiFailure | undefined {
  if (error instanceof OrchProblemError) {
    const { problem } = error;
    const lines = [`error: ${problem.title} (${problem.code}, HTTP ${problem.status}): ${problem.detail}`];
    for (const field of problem.errors ?? []) lines.push(`  - ${field.field}: ${field.message ?? field.rule}`);
    if (problem.details && Object.keys(problem.details).length > 0) lines.push(`  details: ${JSON.stringify(problem.details)}`);
    const fieldErrors = (problem.errors ?? []).length > 0;
    const hint = hintFor(problem.status, problem.code, fieldErrors, target);
    if (hint) lines.push(`hint: ${hint}`);
    const callersMistake = problem.status === 401 || problem.status === 400 || (problem.status === 422 && fieldErrors);
    return { lines, exitCode: callersMistake ? EXIT.usage : EXIT.failed };
  }
  if (isConnectionFailure(error)) {
    return {
      lines: [`error: cannot reach the api at ${target.url}: ${causeOf(error)}`, 'hint: is it running (npm start)? Point ORCH_API_URL or --url at it'],
      exitCode: EXIT.failed,
    };
  }
  return undefined;
}

function hintFor(status: number, code: string, fieldErrors: boolean, target: ApiTarget): string | undefined {
  if (status === 401) return `the api refused the key from ${target.keySource}; check ORCH_API_KEY or --key`;
  if (status === 403) return 'this key\'s role may not do that: commands need an admin or operator key, keys and webhooks an admin (or integrator) key';
  if (status === 404) return 'check the id (another tenant\'s ids answer 404 too); the list commands show what exists';
  if (code === 'SESSION.ILLEGAL_TRANSITION') return 'the session is not in a state that allows this action; `orchestrator sessions show <id>` shows its status';
  if (status === 409) return 'something changed concurrently or the action conflicts with the current state; read it again and retry';
  if (fieldErrors || status === 400) return 'fix the options named above; `--help` lists them';
  if (status === 422) return 'the request is well formed, but the current state does not allow it (see the detail)';
  if (status === 503) return 'the read side is catching up; try again in a moment';
  return undefined;
}

function isConnectionFailure(error: unknown): error is Error {
  return error instanceof TypeError && /fetch failed/i.test(error.message);
}

function causeOf(error: Error): string {
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
