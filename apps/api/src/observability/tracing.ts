import type * as ExporterModule from '@opentelemetry/exporter-trace-otlp-http';
import type * as HttpModule from '@opentelemetry/instrumentation-http';
import type * as PgModule from '@opentelemetry/instrumentation-pg';
import type * as SdkModule from '@opentelemetry/sdk-node';
import type * as UndiciModule from '@opentelemetry/instrumentation-undici';
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
 * trace exporter (JSON), the http instrumentation, the pg one, and undici's for what the process
 * sends with `fetch` (webhook deliveries, OpenCode's server, external agents). Call it before the
 * app loads http and pg (main.ts imports tracing-preload second). The SDK packages are
 * dependencies, loaded only when the endpoint is set, so a process without tracing does not pay
 * for them. The pg and undici instrumentations are left out if missing; the others missing (a
 * pruned install) stop start-up with a message naming them: traces silently off would be a lie.
 */
export function startTracing(settings: ObservabilitySettings, load: Loader = require): Tracing | undefined {
  const plan = tracingPlan(settings);
  if (!plan.enabled) return undefined;
  const required = ['@opentelemetry/sdk-node', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/instrumentation-http'];
  const modules = required.map((name) => tryLoad(load, name));
  const missing = required.filter((_, index) => modules[index] === undefined);
  if (missing.length > 0) {
    throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT is set, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed: npm ci installs them (or unset it)`);
  }
  const [sdkNode, exporter, http] = modules as [typeof SdkModule, typeof ExporterModule, typeof HttpModule];
  const pg = tryLoad(load, '@opentelemetry/instrumentation-pg') as typeof PgModule | undefined;
  const undici = tryLoad(load, '@opentelemetry/instrumentation-undici') as typeof UndiciModule | undefined;
  const sdk = new sdkNode.NodeSDK({
    serviceName: plan.serviceName,
    traceExporter: new exporter.OTLPTraceExporter({ url: plan.url }),
    instrumentations: [new http.HttpInstrumentation(), ...(pg ? [new pg.PgInstrumentation()] : []), ...(undici ? [new undici.UndiciInstrumentation()] : [])],
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
