import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { client } from '../e2e/http-client';
import { until } from '../e2e/live-helpers';
import { joinRoom, securityWorld, type SecurityWorld } from './security-fixture';

type Answer = { id: string; revision: number; position: number };
const PLANNING = { mode: 'explicit', tasks: [{ id: 'build', title: 'Build it', capabilities: ['code_generation'] }] };

describe('given tenants A and B on one api (tenant isolation, per surface)', () => {
  let world: SecurityWorld;
  /** What must never reach B: A's session id and the text only A wrote. */
  let secretsOfA: string[];

  const asB = () => client(world.api.baseUrl, world.keys.otherTenant);
  const asA = () => client(world.api.baseUrl, world.keys.admin);
  const leaks = (payload: unknown) => secretsOfA.filter((secret) => JSON.stringify(payload).includes(secret));
  const newSession = async (as: ReturnType<typeof client>, title: string) => (await as.post<Answer>('/sessions', { title, prompt: title, planning: PLANNING })).body;

  beforeAll(async () => {
    world = await securityWorld();
    secretsOfA = [world.sessionId, 'Secret of A', 'Tenant A session'];
  }, 180_000);

  afterAll(async () => {
    await world?.api.stop();
  }, 60_000);

  it('queries: when B lists sessions, agents, the event log, the audit trail and rollups, then none of A’s data is there', async () => {
    // B's own session shows once the projector has it (the positive control that these lists are live).
    await until(async () => JSON.stringify((await asB().get(`/sessions?limit=200`)).body).includes(world.otherSessionId), 30_000, 'B’s own session in its list');
    for (const path of ['/sessions?limit=200', `/sessions?text=${encodeURIComponent('Secret of A')}`, '/agents', '/events?limit=500', '/audit?limit=500', '/rollups?scope=tenant', '/rollups/top?scope=session', '/rollups/top?scope=agent', '/webhooks', '/webhooks/dead-letters', '/live/connections']) {
      const reply = await asB().get(path);
      expect([path, reply.status]).toEqual([path, 200]);
      expect([path, leaks(reply.body)]).toEqual([path, []]);
    }
    expect((await asB().get(`/events?stream=session-${world.sessionId}`)).body).toMatchObject({ items: [] });
  });

  it('queries by id: when B asks for A’s session, its state, tasks and timeline, then each is 404 and says nothing of A but the id B gave', async () => {
    expect((await asB().get(`/rollups?scope=session&id=${world.sessionId}`)).body).not.toMatchObject({ id: world.sessionId, tokens: expect.anything() });
    for (const path of [`/sessions/${world.sessionId}`, `/sessions/${world.sessionId}/state`, `/sessions/${world.sessionId}/tasks`, `/sessions/${world.sessionId}/timeline`, `/sessions/${world.sessionId}/checkpoints`]) {
      const reply = await asB().get(path);
      const told = JSON.stringify(reply.body).split(world.sessionId).join('<the id asked for>');
      expect([path, reply.status, leaks(told)]).toEqual([path, 404, []]);
    }
  });

  it('SSE: when B follows the event stream from the start while both tenants write, then it gets its own events and none of A’s', async () => {
    const controller = new AbortController();
    const response = await fetch(`${world.api.baseUrl}/events/stream?from=0`, { headers: { authorization: `Bearer ${world.keys.otherTenant}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    let text = '';
    const reading = (async () => {
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    })();
    const ofA = await newSession(asA(), 'Another secret of A');
    secretsOfA.push(ofA.id, 'Another secret of A');
    const ofB = await newSession(asB(), 'Marker of B for SSE');
    // The log is totally ordered: A's new session was appended before B's marker, so had it leaked it would be here by now.
    await until(() => text.includes(ofB.id), 30_000, 'B’s own event on its stream');
    controller.abort();
    await reading;
    expect(text).toContain(world.otherSessionId);
    expect(leaks(text)).toEqual([]);
  }, 60_000);

  it('socket rooms: when B joins events and sessions from position 0 while both tenants write, then only B’s messages arrive', async () => {
    const events = await joinRoom(world, 'otherTenant', 'events');
    const sessions = await joinRoom(world, 'otherTenant', 'sessions');
    expect([events.status, sessions.status]).toEqual([200, 200]);
    const ofA = await newSession(asA(), 'Room secret of A');
    secretsOfA.push(ofA.id, 'Room secret of A');
    const ofB = await newSession(asB(), 'Marker of B for rooms');
    await until(() => JSON.stringify(events.messages).includes(ofB.id) && JSON.stringify(sessions.messages).includes(ofB.id), 30_000, 'B’s own messages');
    events.close();
    sessions.close();
    expect(leaks(events.messages)).toEqual([]);
    expect(leaks(sessions.messages)).toEqual([]);
    expect((await joinRoom(world, 'otherTenant', `session:${world.sessionId}`)).status).toBe(404);
  }, 60_000);

  it('webhooks: when B has a webhook for Session events while both tenants write, then B’s endpoint only ever gets B’s events', async () => {
    const bodies: string[] = [];
    const server: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(body);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook-of-b`;
      const hook = await asB().post<{ id: string }>('/webhooks', { url, eventTypes: ['Session'] });
      expect(hook.status).toBe(201);
      const ofA = await newSession(asA(), 'Webhook secret of A');
      secretsOfA.push(ofA.id, 'Webhook secret of A');
      const ofB = await newSession(asB(), 'Marker of B for webhooks');
      await until(() => bodies.some((body) => body.includes(ofB.id)), 60_000, 'B’s own delivery');
      expect(leaks(bodies)).toEqual([]);
      const deliveries = await asB().get(`/webhooks/${hook.body.id}/deliveries?limit=200`);
      expect(leaks(deliveries.body)).toEqual([]);
      expect((await asA().get('/webhooks')).body).not.toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ id: hook.body.id })]) });
    } finally {
      server.close();
    }
  }, 90_000);

  it('exports and verify: when B verifies the log or exports A’s session, then it checks only its own events and the export is refused', async () => {
    const verified = await asB().get<{ checked: number }>('/audit/verify');
    expect(leaks(verified.body)).toEqual([]);
    const ownStream = await asB().get<{ checked: number }>(`/audit/verify?stream=session-${world.otherSessionId}`);
    const theirs = await asB().get<{ checked: number }>(`/audit/verify?stream=session-${world.sessionId}`);
    expect([ownStream.body.checked > 0, theirs.body.checked]).toEqual([true, 0]);
    const exported = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', './tools/runtime/register.js', 'apps/cli/src/main.ts', 'sessions', 'export', world.sessionId, '--out', '/dev/null', '--api', world.api.baseUrl], {
        cwd: join(__dirname, '..', '..', '..', '..'),
        env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ORCH_API_KEY: world.keys.otherTenant },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect([exported.code, exported.stderr]).toEqual([1, expect.stringContaining('answered 404')]);
  }, 90_000);
});
