import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import { pinoHttp } from 'pino-http';

export const CORRELATION_HEADER = 'x-correlation-id';
/** The same rule the command metadata applies (http/command-context.ts). */
const VALID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The correlation id of a request: the caller's `X-Correlation-Id` when well formed, else a new
 * one written into the request's headers, so the command metadata (and so every event the request
 * appends) carries the id the log line and the response carry. A malformed header is left for
 * the command to refuse (400).
 */
export function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers[CORRELATION_HEADER];
  if (typeof given === 'string' && VALID.test(given)) return given;
  const id = randomUUID();
  if (given === undefined) request.headers[CORRELATION_HEADER] = id;
  return id;
}

/**
 * One pino JSON line per request (method, path, status, duration, correlation id), credentials
 * redacted; the id is echoed in the `X-Correlation-Id` response header. Probes and scrapes are not logged.
 */
export function requestLogging(level: string) {
  const logger = pino({ level, base: { component: 'http' }, redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-orch-signature"]'], censor: '[redacted]' } });
  return pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const id = correlationIdOf(request);
      response.setHeader('X-Correlation-Id', id);
      return id;
    },
    customProps: (request: IncomingMessage & { id?: unknown }) => ({ correlationId: request.id }),
    autoLogging: { ignore: (request: IncomingMessage) => /^\/api\/v1\/health\b|^\/metrics\b/.test(request.url ?? '') },
    serializers: {
      req: (request: { method?: string; url?: string; headers?: Record<string, unknown>; remoteAddress?: string }) => ({
        method: request.method,
        url: request.url,
        userAgent: request.headers?.['user-agent'],
        remoteAddress: request.remoteAddress,
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
  });
}
