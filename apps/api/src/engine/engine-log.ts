import type { EngineLog } from '@orch/application';
import pino from 'pino';

/** The engine's structured log: one JSON line per entry on stdout (pino), `component: engine`. */
export function pinoEngineLog(level = process.env['LOG_LEVEL'] ?? 'info'): EngineLog {
  const logger = pino({ level, base: { component: 'engine' } });
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}
