import { OrchClient } from '@orch/client';
import { startApi, type RunningApi } from './api-process';
import { openEventLog } from './event-count';
import { client } from './http-client';
import { registeredRoutes } from './registered-routes';

type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, { tags?: string[]; security?: Record<string, unknown>[] }>>;
  components: { securitySchemes?: Record<string, { type: string; scheme?: string }>; schemas?: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
};

describe('given the api running with request logs at info', () => {
  let api: RunningApi;
  let origin: string;

  beforeAll(async () => {
    api = await startApi({ LOG_LEVEL: 'info', ORCH_SCRIPTED_AGENTS: 'false' });
    origin = api.baseUrl.replace(/\/api\/v1$/, '');
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('when /api/docs-json is fetched without a key, then every route Nest registered is in it, with bearer auth on all but the probes and a tag', async () => {
    const response = await fetch(`${origin}/api/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as OpenApi;
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes?.['api-key']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const routes = registeredRoutes(api.output());
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((route) => document.paths[`/api/v1${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`]?.[route.method.toLowerCase()] === undefined);
    expect(missing).toEqual([]);
    for (const route of routes) {
      const operation = document.paths[`/api/v1${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`]?.[route.method.toLowerCase()];
      expect(operation?.tags?.length).toBeGreaterThan(0);
      expect(operation?.security).toEqual(route.path.startsWith('/health/') ? [] : [{ 'api-key': [] }]);
    }
    expect(document.components.schemas?.['CreateSessionDto']).toMatchObject({ properties: { title: { type: 'string' }, prompt: { type: 'string' } }, required: expect.arrayContaining(['title', 'prompt']) });
    const ui = await fetch(`${origin}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
  });

  it('when a command comes with X-Correlation-Id, then the response echoes it, the event carries it and the JSON request log line names it; without one, a generated id does all three', async () => {
    const log = await openEventLog(api.databaseUrl);
    try {
      const given = await client(api.baseUrl, api.adminKey).post<{ id: string }>('/sessions', { title: 'Traced', prompt: 'p' }, { 'x-correlation-id': 'trace-me-0042' });
      expect(given.status).toBe(201);
      expect(given.headers['x-correlation-id']).toBe('trace-me-0042');
      expect((await log.stream(`session-${given.body.id}`))[0]?.metadata).toMatchObject({ correlationId: 'trace-me-0042' });
      const generated = await client(api.baseUrl, api.adminKey).post<{ id: string }>('/sessions', { title: 'Untraced', prompt: 'p' });
      const id = generated.headers['x-correlation-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await log.stream(`session-${generated.body.id}`))[0]?.metadata).toMatchObject({ correlationId: id });
      type LogLine = { component?: string; correlationId?: string; req?: { method: string; url: string }; res?: { statusCode: number } };
      const lines = (): LogLine[] =>
        api
          .output()
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as LogLine);
      for (const correlationId of ['trace-me-0042', id]) {
        // pino writes the line once the response has finished: wait for it to reach the output.
        while (!lines().some((line) => line.component === 'http' && line.correlationId === correlationId)) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(lines()).toContainEqual(expect.objectContaining({ component: 'http', correlationId, req: expect.objectContaining({ method: 'POST', url: '/api/v1/sessions' }), res: { statusCode: 201 } }));
      }
      // The request log never carries the key (main prints the bootstrap key once, on its own line).
      expect(lines().filter((line) => line.component === 'http').some((line) => JSON.stringify(line).includes(api.adminKey))).toBe(false);
    } finally {
      await log.close();
    }
  });

  it('when /metrics is scraped after commands, with an agent registered and a socket client connected, then every listed series is there with its numbers', async () => {
    const admin = client(api.baseUrl, api.adminKey);
    const agent = await admin.post<{ position: number }>('/agents', {
      name: 'metered',
      agentType: 'implementer',
      primaryCapabilities: ['code_generation'],
      capacity: 4,
      runtime: { kind: 'scripted', config: { scenario: 'default' } },
    });
    expect(agent.status).toBe(201);
    await admin.post('/sessions/0190f5d2-8a4b-7c3d-9e1f-123456789abc/start', { reason: 'no such session' });
    expect((await admin.get(`/agents?minPosition=${agent.body.position}`)).status).toBe(200);
    const live = new OrchClient({ baseUrl: origin, apiKey: api.adminKey }).live();
    try {
      await live.subscribe('sessions', () => undefined).ready;
      const response = await fetch(`${origin}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toMatch(/^orch_commands_total\{command="CreateSession",outcome="ok"\} [1-9]/m);
      expect(text).toMatch(/^orch_command_duration_seconds_bucket\{le="\+Inf",command="RegisterAgent",outcome="ok"\} 1$/m);
      expect(text).toMatch(/^orch_command_duration_seconds_count\{command="StartSession",outcome="SESSION\.NOT_FOUND"\} 1$/m);
      expect(text).toMatch(/^orch_event_append_duration_seconds_count\{outcome="ok"\} [1-9]/m);
      expect(text).toMatch(/^orch_projector_lag_events\{projector="sessions"\} \d+$/m);
      expect(text).toMatch(/^orch_projector_lag_events\{projector="agents"\} \d+$/m);
      expect(text).toMatch(/^orch_engine_sessions\{state="driving"\} \d+$/m);
      expect(text).toMatch(/^orch_engine_queue_depth\{kind="sessions"\} \d+$/m);
      expect(text).toMatch(/^orch_engine_queue_depth\{kind="tasks"\} \d+$/m);
      expect(text).toMatch(/^orch_agent_slots\{state="capacity"\} 4$/m);
      expect(text).toMatch(/^orch_agent_utilisation_ratio 0$/m);
      expect(text).toMatch(/^orch_live_socket_clients 1$/m);
      expect(text).toMatch(/^orch_webhook_backlog 0$/m);
    } finally {
      live.close();
    }
  });
});
