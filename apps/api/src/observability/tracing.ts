import type { ObservabilitySettings } from './observability-config';

export interface Tracing {
  shutdown(): Promise<void>;
}

/** What tracing does for these settings: nothing without an OTLP endpoint. */
export function tracingPlan(settings: ObservabilitySettings): { readonly enabled: false } | { readonly enabled: true; readonly url: string; readonly serviceName: string } {
  if (!settings.otlpEndpoint) return { enabled: false };
  return { enabled: true, url: `${settings.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`, serviceName: settings.serviceName };
}

type Loader = (name: string) => unknown;

/**
 * OpenTelemetry traces when `OTEL_EXPORTER_OTLP_ENDPOINT` is set: the NodeSDK with the OTLP/HTTP
 * trace exporter, the http instrumentation and, when installed, the pg one. Call it before the
 * app loads http and pg. The SDK packages are optional dependencies: with the endpoint set and
 * them missing, start-up stops with a message naming them (traces silently off would be a lie).
 */
export function startTracing(settings: ObservabilitySettings, load: Loader = require): Tracing | undefined {
  const plan = tracingPlan(settings);
  if (!plan.enabled) return undefined;
  const required = ['@opentelemetry/sdk-node', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/instrumentation-http'];
  const modules = required.map((name) => tryLoad(load, name));
  const missing = required.filter((_, index) => modules[index] === undefined);
  if (missing.length > 0) {
    throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT is set, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed: npm install ${missing.join(' ')} (or unset it)`);
  }
  const [sdkNode, exporter, http] = modules as [Record<string, new (options?: object) => unknown>, Record<string, new (options?: object) => unknown>, Record<string, new (options?: object) => unknown>];
  const pg = tryLoad(load, '@opentelemetry/instrumentation-pg') as Record<string, new (options?: object) => unknown> | undefined;
  const instrumentations = [new (http['HttpInstrumentation'] as new () => unknown)(), ...(pg ? [new (pg['PgInstrumentation'] as new () => unknown)()] : [])];
  const sdk = new (sdkNode['NodeSDK'] as new (options: object) => { start(): void; shutdown(): Promise<void> })({
    serviceName: plan.serviceName,
    traceExporter: new (exporter['OTLPTraceExporter'] as new (options: object) => unknown)({ url: plan.url }),
    instrumentations,
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

function tryLoad(load: Loader, name: string): unknown {
  try {
    return load(name);
  } catch {
    return undefined;
  }
}
