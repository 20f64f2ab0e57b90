import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { startApi, type RunningApi } from '../e2e/api-process';
import { startOtlpReceiver, type OtlpReceiver } from '../e2e/otlp-receiver';

// The spans come in batches: the waits below give them 20 s each on a loaded machine.
jest.setTimeout(60_000);

describe('given the api with OTEL_EXPORTER_OTLP_ENDPOINT pointing at an OTLP/HTTP receiver on loopback', () => {
  let receiver: OtlpReceiver;
  let api: RunningApi;
  const serviceName = `orch-trace-e2e-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // OTEL_BSP_SCHEDULE_DELAY is the SDK's own setting: batches go out every 200 ms instead of 5 s.
    api = await startApi({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_SERVICE_NAME: serviceName, OTEL_BSP_SCHEDULE_DELAY: '200', ORCH_SCRIPTED_AGENTS: 'false' });
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    await receiver?.close();
  });

  it('when a request comes with a W3C traceparent, then its server span arrives under the service name, in that trace, naming the route, with the pg queries it made beneath it', async () => {
    const traceId = randomBytes(16).toString('hex');
    const parentId = randomBytes(8).toString('hex');
    const response = await fetch(`${api.baseUrl}/sessions?limit=5`, { headers: { authorization: `Bearer ${api.adminKey}`, traceparent: `00-${traceId}-${parentId}-01` } });
    expect(response.status).toBe(200);
    await response.arrayBuffer();

    const server = await receiver.waitFor((span) => span.traceId === traceId && span.kind === 2, 20_000);
    expect(server).toMatchObject({ serviceName, parentSpanId: parentId, scope: '@opentelemetry/instrumentation-http' });
    expect(server.name).toMatch(/^GET\b/);
    expect(server.attributes).toMatchObject({ 'http.request.method': 'GET', 'url.path': '/api/v1/sessions', 'http.response.status_code': 200 });
    const query = await receiver.waitFor((span) => span.traceId === traceId && span.name.startsWith('pg.query') && span.attributes['db.query.text'] !== undefined, 20_000);
    expect(query).toMatchObject({ serviceName, parentSpanId: server.spanId, scope: '@opentelemetry/instrumentation-pg', attributes: expect.objectContaining({ 'db.system.name': 'postgresql' }) });
    // Statements are recorded with their placeholders, never the values bound to them.
    expect(query.attributes['db.query.text']).toMatch(/\$1/);
    expect(receiver.rejected()).toEqual([]);
    // The exporter's own posts to the receiver are not traced (they would feed on themselves).
    expect(receiver.spans().filter((span) => Object.values(span.attributes).some((value) => String(value).includes('/v1/traces')))).toEqual([]);
  });

  it('when a webhook delivery goes out with fetch, then its client span arrives, naming the receiver, with the traceparent the receiver got', async () => {
    const traceparents: string[] = [];
    const hook: Server = createServer((request, response) => {
      traceparents.push(String(request.headers['traceparent'] ?? ''));
      request.resume().on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(hook.address() as { port: number }).port}/traced-hook`;
      const headers = { authorization: `Bearer ${api.adminKey}`, 'content-type': 'application/json' };
      expect((await fetch(`${api.baseUrl}/webhooks`, { method: 'POST', headers, body: JSON.stringify({ url, eventTypes: ['SessionCreated'] }) })).status).toBe(201);
      expect((await fetch(`${api.baseUrl}/sessions`, { method: 'POST', headers, body: JSON.stringify({ title: 'Traced delivery', prompt: 'Build it' }) })).status).toBe(201);

      const client = await receiver.waitFor((span) => span.kind === 3 && span.attributes['url.full'] === url, 20_000);
      expect(client).toMatchObject({ serviceName, scope: '@opentelemetry/instrumentation-undici', attributes: expect.objectContaining({ 'http.request.method': 'POST', 'http.response.status_code': 204 }) });
      // The receiver can join the trace: the traceparent it got names this span.
      expect(traceparents.some((header) => header.includes(`-${client.traceId}-${client.spanId}-`))).toBe(true);
    } finally {
      await new Promise<void>((resolve) => (hook.close(() => resolve()), hook.closeAllConnections()));
    }
  });
});
