import type { FieldError, Problem } from '@orch/contracts';

/** An error answer of the api: the RFC 9457 problem, typed, with its stable `code`. */
export class OrchProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly errors: readonly FieldError[] | undefined;

  constructor(readonly problem: Problem) {
    super(`${problem.code}: ${problem.detail}`);
    this.name = 'OrchProblemError';
    this.status = problem.status;
    this.code = problem.code;
    this.details = problem.details;
    this.errors = problem.errors;
  }
}

/** A problem from a response body, or one made up from the status when the body is not one. */
export function problemFrom(status: number, body: unknown, url: string): Problem {
  if (typeof body === 'object' && body !== null && typeof (body as Problem).code === 'string') return body as Problem;
  return { type: 'about:blank', title: `HTTP ${status}`, status, detail: typeof body === 'string' && body ? body.slice(0, 500) : `HTTP ${status} from ${url}`, code: `HTTP.${status}` };
}
