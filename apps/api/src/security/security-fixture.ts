import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { startApi, type RunningApi } from '../e2e/api-process';
import { client } from '../e2e/http-client';
import { concretePath } from '../e2e/registered-routes';
import { seedKey } from '../e2e/seed-key';
import type { Caller } from './authorization-matrix';

type Answer = { id: string; revision: number; position: number };

/** Tenant A (the bootstrap admin's) with a key per role and one of each resource; tenant B's admin key. */
export interface SecurityWorld {
  readonly api: RunningApi;
  readonly keys: Readonly<Record<Exclude<Caller, 'none'>, string>>;
  /** Path parameters naming tenant A's resources, per route family. */
  params(path: string): Record<string, string>;
  /** The same parameters, naming nothing that exists. */
  missing(path: string): Record<string, string>;
  readonly sessionId: string;
  readonly otherSessionId: string;
  readonly tenantB: string;
}

const PLANNING = { mode: 'explicit', tasks: [{ id: 'build', title: 'Build it', capabilities: ['code_generation'] }] };

export async function securityWorld(env: Record<string, string> = {}): Promise<SecurityWorld> {
  const api = await startApi(env);
  const admin = client(api.baseUrl, api.adminKey);
  const key = async (role: string, extra: Record<string, unknown> = {}) => (await admin.post<{ key: string; id: string }>('/keys', { name: role, role, ...extra })).body;
  const agent = await admin.post<Answer>('/agents', { name: 'builder', agentType: 'implementer', primaryCapabilities: ['code_generation'], runtime: { kind: 'scripted', config: { scenario: 'happy' } } });
  const keys = {
    admin: api.adminKey,
    operator: (await key('operator')).key,
    auditor: (await key('auditor')).key,
    integrator: (await key('integrator')).key,
    agent: (await key('agent', { agentId: agent.body.id })).key,
    otherTenant: await seedKey(api.databaseUrl, 'tenant-b', 'admin'),
  };
  const sacrificialKey = (await key('auditor')).id;
  const session = await admin.post<Answer>('/sessions', { title: 'Tenant A session', prompt: 'Secret of A', planning: PLANNING });
  const context = await admin.post<Answer>('/contexts', { scope: 'temporary', document: { secret: 'of A' } });
  const webhook = await admin.post<{ id: string }>('/webhooks', { url: 'https://example.com/a-hook', eventTypes: ['Session'] });
  const other = await client(api.baseUrl, keys.otherTenant).post<Answer>('/sessions', { title: 'Tenant B session', prompt: 'Secret of B', planning: PLANNING });
  for (const created of [agent, session, context, webhook, other]) {
    if (created.status !== 201) throw new Error(`fixture: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const common = { taskId: 'build', requestId: 'permission-1', version: '1', runId: 'run-1' };
  const ids = (family: string): string | undefined =>
    ({ sessions: session.body.id, agents: agent.body.id, contexts: context.body.id, webhooks: webhook.body.id, keys: sacrificialKey, deliveries: randomUUID() })[family];
  const familyOf = (path: string) => (path.startsWith('/webhooks/deliveries') ? 'deliveries' : (path.split('/')[1] ?? ''));
  return {
    api,
    keys,
    sessionId: session.body.id,
    otherSessionId: other.body.id,
    tenantB: 'tenant-b',
    params: (path) => ({ ...common, id: ids(familyOf(path)) ?? randomUUID() }),
    missing: () => ({ ...common, id: randomUUID() }),
  };
}

/** One HTTP call as a caller; an event stream is cancelled once its status is known. */
export async function callRoute(world: SecurityWorld, caller: Caller, method: string, path: string, values: Record<string, string>): Promise<number> {
  const key = caller === 'none' ? undefined : world.keys[caller];
  const response = await fetch(`${world.api.baseUrl}${concretePath(path, values)}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
    ...(method === 'GET' ? {} : { body: JSON.stringify({ reason: 'authorization matrix' }) }),
  });
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel();
  else await response.arrayBuffer();
  return response.status;
}

/** Handshake with the caller's key, then `subscribe` to a room: the status of the refusal, or 200. */
export function joinRoom(world: SecurityWorld, caller: Caller, room: string): Promise<{ status: number; messages: unknown[]; close(): void }> {
  const origin = world.api.baseUrl.replace(/\/api\/v1$/, '');
  const key = caller === 'none' ? undefined : world.keys[caller];
  const socket = io(`${origin}/live`, { transports: ['websocket'], auth: key ? { token: key } : {}, reconnection: false });
  const messages: unknown[] = [];
  socket.on('change', (message: unknown) => messages.push(message));
  socket.on('event', (message: unknown) => messages.push(message));
  socket.on('changes', (batch: { messages: unknown[] }) => messages.push(...batch.messages));
  socket.on('events', (batch: { messages: unknown[] }) => messages.push(...batch.messages));
  const close = () => socket.close();
  return new Promise((resolve) => {
    socket.on('connect_error', (error: Error & { data?: { status?: number } }) => {
      close();
      resolve({ status: error.data?.status ?? 0, messages, close });
    });
    socket.on('connect', () => {
      socket.emit('subscribe', { room, fromPosition: 0 }, (ack: { ok: boolean; status?: number; error?: { status?: number } }) => {
        resolve({ status: ack.ok ? 200 : (ack.status ?? ack.error?.status ?? 0), messages, close });
      });
    });
  });
}
