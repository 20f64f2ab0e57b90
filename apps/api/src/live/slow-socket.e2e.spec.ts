import { OrchClient } from '@orch/client';
import type { EventMessage } from '@orch/contracts';
import type { PostgresEventStore } from '@orch/event-store';
import { apiCluster, type ApiCluster, type ApiNode } from '../e2e/api-node';
import { openStore, someEvents, tenantLog, until } from '../e2e/live-helpers';

/** The TCP socket under socket.io-client's websocket transport (the `ws` package in Node). */
function tcpOf(connection: ReturnType<OrchClient['live']>): { pause(): void; resume(): void } {
  const transport = (connection.socket.io as unknown as { engine: { transport: { ws: { _socket: { pause(): void; resume(): void } } } } }).engine.transport;
  return transport.ws._socket;
}

describe('given the socket gateway with a small per-socket buffer', () => {
  let cluster: ApiCluster;
  let api: ApiNode;
  let store: PostgresEventStore;

  beforeAll(async () => {
    cluster = await apiCluster({ LIVE_SOCKET_MAX_BUFFERED: '300', LIVE_SOCKET_MAX_BUFFER_BYTES: '1000000' });
    api = await cluster.start({ ROLES: 'api' });
    store = await openStore(cluster.database.connectionString);
  }, 90_000);

  afterAll(async () => {
    await store?.close();
    await cluster?.stop();
  });

  it('when a client stops reading, then the server cuts it off, and the SDK resubscribes from its last position and misses nothing', async () => {
    const start = (await tenantLog(store, 'default')).at(-1)?.position ?? 0;
    // The cut-off notice waits behind the unread messages and is dropped with them: the
    // reconnect, not the notice, is what the client relies on.
    const connection = new OrchClient({ baseUrl: api.origin, apiKey: cluster.adminKey }).live();
    let connects = 0;
    connection.socket.on('connect', () => connects++);
    const received: EventMessage[] = [];
    await connection.subscribe('events', (message) => received.push(message), { fromPosition: start }).ready;
    const firstSocket = connection.socket.id;
    tcpOf(connection).pause();
    const payload = 'z'.repeat(2_000);
    for (let batch = 0; batch < 30; batch++) {
      await store.appendToStream(`slow-${batch}`, someEvents(100, 'default').map((event) => ({ ...event, data: { payload } })));
    }
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    tcpOf(connection).resume();
    const all = (await tenantLog(store, 'default', start)).map((event) => event.position);
    await until(() => received.length >= all.length, 60_000, 'every event after the reconnect');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.map((message) => message.position)).toEqual(all);
    expect(connects).toBeGreaterThanOrEqual(1);
    expect(connection.socket.id).not.toBe(firstSocket);
    connection.close();
  }, 120_000);
});
