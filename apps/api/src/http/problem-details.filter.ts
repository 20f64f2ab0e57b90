import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { CoordinationUnavailableError, StreamDeletedError, WrongExpectedVersionError } from '@orch/application';
import { DomainError } from '@orch/kernel';
import { ProtocolError } from '@orch/agent-runtime-http';
import type { Request, Response } from 'express';
import { ProjectionNotCaughtUp } from '../read-side/projection-not-caught-up';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const HTTP_CODES: Record<number, string> = {
  400: 'HTTP.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'HTTP.NOT_FOUND',
  413: 'HTTP.PAYLOAD_TOO_LARGE',
  429: 'HTTP.RATE_LIMITED',
};

/** The one place errors become RFC 9457 problem details (STYLE.md habit 8). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const problem = { ...this.toProblem(error), instance: request.originalUrl };
    if (problem.status >= 500 && !(error instanceof ProjectionNotCaughtUp)) this.logger.error(error instanceof Error ? error.stack : String(error));
    const response = http.getResponse<Response>();
    if (error instanceof ProjectionNotCaughtUp) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof DomainError) return problem(error.httpStatus, error.code, error.message, { details: error.details });
    if (error instanceof WrongExpectedVersionError) {
      return problem(409, 'EVENT_STORE.WRONG_EXPECTED_VERSION', 'The stream changed concurrently; retry the command', {
        details: { expected: error.expected, actual: error.actual },
      });
    }
    // External Agent Protocol: another agent's run (404), or a run that has ended (409).
    if (error instanceof ProtocolError) return problem(error.status, error.code, error.message, { details: error.details });
    if (error instanceof StreamDeletedError) return problem(404, 'EVENT_STORE.STREAM_DELETED', error.message, {});
    // Redis (leases, heartbeats) is down or hung: retryable, like the store being unavailable.
    if (error instanceof CoordinationUnavailableError) return problem(503, error.code, 'The coordination store is unavailable; retry shortly', {});
    if (error instanceof ValidationProblem) return problem(400, 'COMMAND.FIELD_INVALID', error.message, { errors: error.errors });
    if (error instanceof ProjectionNotCaughtUp) {
      return problem(503, error.code, error.message, { details: { minPosition: error.minPosition, projections: error.projections } });
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return problem(status, HTTP_CODES[status] ?? `HTTP.${status}`, messageOf(error), {});
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return problem(status, HTTP_CODES[status] ?? `HTTP.${status}`, (error as Error).message, {});
    }
    return problem(500, 'INTERNAL', 'An unexpected error occurred; it has been logged', {});
  }
}

function problem(status: number, code: string, detail: string, extensions: Record<string, unknown>): Problem {
  return { type: `urn:orchestrator:problem:${code}`, title: TITLES[status] ?? 'Error', status, detail, code, ...extensions };
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}

export interface FieldError {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** Thrown by the validation pipe: every invalid or unknown field, each named. */
export class ValidationProblem extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(`Invalid fields: ${[...new Set(errors.map((e) => e.field))].join(', ')}`);
  }
}
