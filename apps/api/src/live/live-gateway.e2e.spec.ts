import { OrchClient } from '@orch/client';
import type { ChangeMessage, EventMessage, LiveError } from '@orch/contracts';
import type { PostgresEventStore } from '@orch/event-store';
import { io } from 'socket.io-client';
import { apiCluster, type ApiCluster, type ApiNode } from '../e2e/api-node';
import { openStore, someEvents, tenantLog, until } from '../e2e/live-helpers';
import { seedKey } from '../e2e/seed-key';

describe('given one api process and its socket.io gateway', () => {
  let cluster: ApiCluster;
  let api: ApiNode;
  let store: PostgresEventStore;
  let admin: OrchClient;
  const connections: { close(): void }[] = [];

  beforeAll(async () => {
    cluster = await apiCluster();
    api = await cluster.start();
    store = await openStore(cluster.database.connectionString);
    admin = new OrchClient({ baseUrl: api.origin, apiKey: cluster.adminKey });
  }, 90_000);

  afterAll(async () => {
    for (const connection of connections) connection.close();
    await store?.close();
    await cluster?.stop();
  });

  function live(client: OrchClient = admin) {
    const connection = client.live();
    connections.push(connection);
    return connection;
  }

  it('when a client offers a bad key, none, or an agent\'s key, then the handshake is refused with a clear reason', async () => {
    const refusal = (auth: Record<string, string>) =>
      new Promise<{ message: string; data?: LiveError }>((resolve) => {
        const socket = io(`${api.origin}/live`, { transports: ['websocket'], auth, reconnection: false });
        socket.on('connect_error', (error: Error & { data?: LiveError }) => {
          socket.close();
          resolve({ message: error.message, data: error.data });
        });
      });
    expect(await refusal({ token: 'orch_not_a_key' })).toMatchObject({ message: 'The API key is unknown, revoked or expired', data: { status: 401, code: 'AUTH.UNAUTHENTICATED' } });
    expect((await refusal({})).data).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
    const agent = await admin.agents.register({ name: 'socket probe', agentType: 'implementer', primaryCapabilities: ['code_generation'], runtime: { kind: 'scripted', config: { scenario: 'happy' } } });
    const agentKey = await admin.keys.issue({ name: 'agent key', role: 'agent', agentId: agent.id });
    expect((await refusal({ token: agentKey.key })).data).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });
  });

  it('when three clients subscribe to events at different positions during a burst of 5,000 events, then each gets exactly the events after its position, in order', async () => {
    const start = (await tenantLog(store, 'default')).at(-1)?.position ?? 0;
    const burst = (async () => {
      for (let batch = 0; batch < 50; batch++) await store.appendToStream(`probe-${batch}`, someEvents(100, 'default'));
    })();
    const subscribers: { from: number; received: EventMessage[] }[] = [];
    const subscribe = async (from: number) => {
      const subscriber = { from, received: [] as EventMessage[] };
      subscribers.push(subscriber);
      const connection = live();
      const subscription = connection.subscribe('events', (message) => subscriber.received.push(message), { fromPosition: from });
      expect(await subscription.ready).toMatchObject({ ok: true, room: 'events' });
    };
    await subscribe(start);
    await until(async () => (await tenantLog(store, 'default', start)).length >= 1_500, 30_000, '1,500 events');
    await subscribe((await tenantLog(store, 'default')).at(-1)?.position ?? 0);
    await until(async () => (await tenantLog(store, 'default', start)).length >= 3_500, 30_000, '3,500 events');
    await subscribe((await tenantLog(store, 'default')).at(-1)?.position ?? 0);
    await burst;
    const all = await tenantLog(store, 'default', start);
    expect(all).toHaveLength(5_000);
    for (const subscriber of subscribers) {
      const expected = all.filter((event) => event.position > subscriber.from).map((event) => event.position);
      await until(() => subscriber.received.length >= expected.length, 30_000, `the events after ${subscriber.from}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(subscriber.received.map((message) => message.position)).toEqual(expected);
      expect(subscriber.received.every((message) => message.event.position === message.position && message.room === 'events')).toBe(true);
    }
    expect(subscribers[1]?.received.length).toBeLessThan(3_600);
    expect(subscribers[2]?.received.length).toBeLessThan(1_600);
  }, 120_000);

  it('when sessions change, then the change rooms say so only after the read model has the change, caught up from any position', async () => {
    const from = (await tenantLog(store, 'default')).at(-1)?.position ?? 0;
    const early = await admin.sessions.create({ title: 'Add request tracing', prompt: 'Trace requests' });
    const list: ChangeMessage[] = [];
    const detail: ChangeMessage[] = [];
    const refetchedAhead: number[] = [];
    const refetches: Promise<unknown>[] = [];
    const connection = live();
    connection.subscribe(
      'sessions',
      (message) => {
        list.push(message);
        // What a dashboard does on a change: refetch (no minPosition). The row already has it.
        refetches.push(admin.query.session(message.changes[0]?.id ?? '').then((session) => refetchedAhead.push(session.position - message.position)));
      },
      { fromPosition: from },
    );
    connection.subscribe(`session:${early.id}`, (message) => detail.push(message), { fromPosition: from });
    const later = await admin.sessions.create({ title: 'Add response caching', prompt: 'Cache responses' });
    await admin.sessions.act(early.id, 'start', { reason: 'go' }).catch(() => undefined);
    await until(() => list.some((message) => message.changes.some((change) => change.id === later.id)), 20_000, 'the later session');
    connection.close();
    await Promise.all(refetches);
    const sessionEvents = (await tenantLog(store, 'default', from)).filter((event) => event.streamName.startsWith('session-'));
    expect(list.map((message) => message.position)).toEqual(sessionEvents.map((event) => event.position).slice(0, list.length));
    expect(refetchedAhead.length).toBe(list.length);
    expect(refetchedAhead.every((ahead) => ahead >= 0)).toBe(true);
    expect(detail.length).toBeGreaterThan(0);
    expect(detail.every((message) => message.changes.every((change) => change.id.startsWith(early.id)))).toBe(true);
    expect(detail.flatMap((message) => message.changes.map((change) => change.entity))).toEqual(expect.arrayContaining(['session', 'timeline', 'context']));
  }, 60_000);

  it('when another tenant subscribes, then it sees none of this tenant\'s events and its sessions are not found', async () => {
    const otherKey = await seedKey(cluster.database.connectionString, 'other-tenant', 'integrator');
    const other = new OrchClient({ baseUrl: api.origin, apiKey: otherKey });
    const connection = live(other);
    const seen: EventMessage[] = [];
    connection.subscribe('events', (message) => seen.push(message), { fromPosition: 0 });
    const mine = await admin.sessions.create({ title: 'Add audit export', prompt: 'Export the audit log' });
    const refused = await connection.subscribe(`session:${mine.id}`, () => undefined).ready;
    expect(refused).toMatchObject({ ok: false, error: { status: 404, code: 'SESSION.NOT_FOUND' } });
    await store.appendToStream('probe-other', someEvents(3, 'other-tenant'));
    await until(() => seen.length >= 4, 10_000, "the other tenant's own events");
    expect(seen.every((message) => message.event.metadata['tenantId'] === 'other-tenant')).toBe(true);
    expect((await connection.subscribe('sessions', () => undefined).ready).ok).toBe(true);
  }, 30_000);

  it('when a key is revoked, then its sockets are told and disconnected', async () => {
    const issued = await admin.keys.issue({ name: 'short-lived', role: 'auditor' });
    const notices: string[] = [];
    const connection = new OrchClient({ baseUrl: api.origin, apiKey: issued.key }).live({ onError: (error) => notices.push('reason' in error ? error.reason : error.code) });
    connections.push(connection);
    await connection.connected();
    await connection.subscribe('events', () => undefined).ready;
    await admin.keys.revoke(issued.id, { reason: 'rotation' });
    await until(() => notices.includes('key_revoked') && !connection.socket.connected, 10_000, 'the revoked socket to be cut');
  }, 30_000);
});
