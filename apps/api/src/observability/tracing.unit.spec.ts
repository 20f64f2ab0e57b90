import { parseObservability } from './observability-config';
import { startTracing, tracingPlan } from './tracing';

class FakeSdk {
  static last: FakeSdk | undefined;
  started = false;
  constructor(readonly options: { serviceName: string; traceExporter: { options: { url: string } }; instrumentations: { kind: string }[] }) {
    FakeSdk.last = this;
  }
  start(): void {
    this.started = true;
  }
  async shutdown(): Promise<void> {
    this.started = false;
  }
}

const modules: Record<string, unknown> = {
  '@opentelemetry/sdk-node': { NodeSDK: FakeSdk },
  '@opentelemetry/exporter-trace-otlp-http': { OTLPTraceExporter: class { constructor(readonly options: object) {} } },
  '@opentelemetry/instrumentation-http': { HttpInstrumentation: class { kind = 'http'; } },
  '@opentelemetry/instrumentation-pg': { PgInstrumentation: class { kind = 'pg'; } },
};

function loaderOf(available: readonly string[]) {
  const asked: string[] = [];
  const load = (name: string): unknown => {
    asked.push(name);
    if (!available.includes(name)) throw new Error(`Cannot find module '${name}'`);
    return modules[name];
  };
  return { load, asked };
}

const settings = (env: Record<string, string>) => {
  const problems: string[] = [];
  return { settings: parseObservability(env, problems), problems };
};

describe('tracing configuration', () => {
  it('given no OTEL_EXPORTER_OTLP_ENDPOINT, when tracing starts, then it is off and loads no OpenTelemetry package', () => {
    const { settings: off } = settings({});
    const loader = loaderOf(Object.keys(modules));
    expect(tracingPlan(off)).toEqual({ enabled: false });
    expect(startTracing(off, loader.load)).toBeUndefined();
    expect(loader.asked).toEqual([]);
  });

  it('given an endpoint and a service name, when tracing starts, then the NodeSDK exports to <endpoint>/v1/traces with the http and pg instrumentations', async () => {
    const { settings: on, problems } = settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_SERVICE_NAME: 'orch-api' });
    expect(problems).toEqual([]);
    expect(tracingPlan(on)).toEqual({ enabled: true, url: 'http://collector:4318/v1/traces', serviceName: 'orch-api' });
    const tracing = startTracing(on, loaderOf(Object.keys(modules)).load);
    expect(FakeSdk.last?.started).toBe(true);
    expect(FakeSdk.last?.options.serviceName).toBe('orch-api');
    expect(FakeSdk.last?.options.traceExporter.options).toEqual({ url: 'http://collector:4318/v1/traces' });
    expect(FakeSdk.last?.options.instrumentations.map((i) => i.kind)).toEqual(['http', 'pg']);
    await tracing?.shutdown();
    expect(FakeSdk.last?.started).toBe(false);
  });

  it('given an endpoint and no pg instrumentation installed, when tracing starts, then only http is instrumented', () => {
    const { settings: on } = settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com' });
    startTracing(on, loaderOf(Object.keys(modules).filter((name) => !name.endsWith('-pg'))).load);
    expect(FakeSdk.last?.options.serviceName).toBe('orchestrator');
    expect(FakeSdk.last?.options.instrumentations.map((i) => i.kind)).toEqual(['http']);
  });

  it('given an endpoint but the SDK packages missing, when tracing starts, then start-up stops naming them', () => {
    const { settings: on } = settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    expect(() => startTracing(on, loaderOf(['@opentelemetry/instrumentation-http']).load)).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT is set, but @opentelemetry\/sdk-node, @opentelemetry\/exporter-trace-otlp-http are not installed/,
    );
  });

  it('given a malformed endpoint or log level, when the configuration is read, then each is a problem', () => {
    expect(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', LOG_LEVEL: 'loud' }).problems).toEqual([
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got "collector:4318"',
    ]);
  });
});
