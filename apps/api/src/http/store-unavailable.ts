/**
 * PostgreSQL (or the network to it) being down, restarting or full: a retryable 503, not a 500.
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, crash, still starting up), 53300
 * (too many connections), socket errors, and node-postgres' own messages for a dropped connection.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const MESSAGES = /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed and is not queryable|the database system is (starting up|shutting down|in recovery mode)/i;

export function isStoreUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08/.test(code))) return true;
    if (MESSAGES.test(current.message)) return true;
    if (current instanceof AggregateError && current.errors.some(isStoreUnavailable)) return true;
  }
  return false;
}

/** Seconds a client should wait before retrying a command that met an unavailable store. */
export const STORE_RETRY_AFTER_SECONDS = 1;
