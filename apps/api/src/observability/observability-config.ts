/** Logs, metrics and traces (part of the app's one config, parsed from the same environment). */
export interface ObservabilitySettings {
  /** `LOG_LEVEL`: pino's level for the request log and the engine log. */
  readonly logLevel: string;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: traces are exported there over OTLP/HTTP; unset: tracing is off. */
  readonly otlpEndpoint?: string;
  /** `OTEL_SERVICE_NAME`: the service name on the traces. */
  readonly serviceName: string;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function parseObservability(env: NodeJS.ProcessEnv, problems: string[]): ObservabilitySettings {
  const logLevel = env['LOG_LEVEL'] ?? 'info';
  if (!LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${logLevel}"`);
  const otlpEndpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT'] || undefined;
  if (otlpEndpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(otlpEndpoint)) problems.push(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got "${otlpEndpoint}"`);
  return { logLevel, ...(otlpEndpoint === undefined ? {} : { otlpEndpoint }), serviceName: env['OTEL_SERVICE_NAME'] || 'orchestrator' };
}
