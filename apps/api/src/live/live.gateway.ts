import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Clock, EventStore } from '@orch/application';
import { LIVE_NAMESPACE, LIVE_SOCKET, type SubscribeAck } from '@orch/contracts';
import { roomMessage, type LiveHub } from '@orch/live';
import type { Namespace } from 'socket.io';
import type { ApiKeyDirectory } from '../auth/api-key-directory';
import { API_KEY_DIRECTORY, CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { LiveNamespace } from './live-namespace';
import type { LiveSettings } from './live-settings';
import { LIVE_HUB, LIVE_SETTINGS } from './live-tokens';
import { keyRoom, tenantMembers, tenantRoom } from './room-keys';
import { RoomBatches } from './room-batches';
import { RoomSubscriptions } from './room-subscriptions';
import { disconnectWithReason, sweepSlowSockets } from './slow-sockets';
import { authenticateSocket, type LiveSocket } from './socket-auth';

/**
 * The socket.io gateway (DESIGN.md §6): `/live` namespace, API key at the handshake, tenant
 * rooms fed by this instance's LiveHub. Room broadcasts are `local`: every instance tails the
 * log itself, so with the Redis adapter a broadcast must not cross to the others' sockets.
 */
/** How long a socket told of the shutdown has to read the notice before it is cut hard. */
const SHUTDOWN_GRACE_MS = 1_000;

@WebSocketGateway({ namespace: LIVE_NAMESPACE, serveClient: false, maxHttpBufferSize: 64 * 1024 })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger('LiveGateway');
  private readonly subscriptions: RoomSubscriptions;
  private readonly teardown: (() => void)[] = [];
  private batches: RoomBatches | undefined;

  constructor(
    @Inject(LIVE_HUB) private readonly hub: LiveHub,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(API_KEY_DIRECTORY) private readonly directory: ApiKeyDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LIVE_SETTINGS) private readonly settings: LiveSettings,
    private readonly live: LiveNamespace,
  ) {
    this.subscriptions = new RoomSubscriptions(hub, store, settings.socketMaxBufferedPackets, () => this.batches?.flush());
  }

  afterInit(namespace: Namespace): void {
    this.live.current = namespace;
    namespace.use(authenticateSocket(this.directory, this.clock));
    const batches = new RoomBatches((roomKey, room, messages) => namespace.local.to(roomKey).emit(room === 'events' ? LIVE_SOCKET.events : LIVE_SOCKET.changes, { room, messages }));
    this.batches = batches;
    this.teardown.push(
      this.hub.events.addSink((entry) => {
        batches.add(tenantRoom(entry.tenantId, 'events'), { room: 'events', position: entry.position, event: entry.event });
        if (entry.event.type === 'ApiKeyRevoked') {
          batches.flush();
          this.revoked(namespace, entry.event.stream.slice('apikey-'.length));
        }
      }),
      this.hub.changes.addSink((entry) => {
        for (const { room } of entry.rooms) batches.add(tenantRoom(entry.tenantId, room), roomMessage(entry, room));
      }),
      sweepSlowSockets(namespace, { packets: this.settings.socketMaxBufferedPackets, bytes: this.settings.socketMaxBufferedBytes }, 1_000),
    );
  }

  handleConnection(socket: LiveSocket): void {
    const { principal } = socket.data;
    void socket.join([keyRoom(principal.apiKeyId), tenantMembers(principal.tenantId)]);
  }

  @SubscribeMessage(LIVE_SOCKET.subscribe)
  async subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    try {
      return await this.subscriptions.subscribe(socket, body);
    } catch (error) {
      this.logger.error(error instanceof Error ? error.stack : String(error));
      return { ok: false, room: (body as { room?: unknown } | null)?.room, error: { status: 500, code: 'INTERNAL', message: 'The subscription failed; it has been logged' } };
    }
  }

  @SubscribeMessage(LIVE_SOCKET.unsubscribe)
  unsubscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): { ok: boolean } {
    const room = (body as { room?: unknown } | null)?.room;
    if (typeof room !== 'string') return { ok: false };
    this.subscriptions.leave(socket, room);
    return { ok: true };
  }

  /**
   * Shutdown: what is pending goes out, then every socket of this instance is told why it is cut
   * (`shutting_down`, as the SSE feed says it) and disconnected; the SDK reconnects (to another
   * instance behind the load balancer) and resubscribes from the last position it got.
   */
  onModuleDestroy(): void {
    this.batches?.flush();
    for (const stop of this.teardown) stop();
    for (const socket of this.live.current?.sockets.values() ?? []) {
      disconnectWithReason(socket, { reason: 'shutting_down', message: 'The server is shutting down; reconnect to resume' }, SHUTDOWN_GRACE_MS);
    }
  }

  /** Every instance sees the revocation in the log and cuts its own sockets of that key. */
  private revoked(namespace: Namespace, apiKeyId: string): void {
    this.directory.forget(apiKeyId);
    for (const socket of namespace.sockets.values()) {
      if ((socket as LiveSocket).data.principal?.apiKeyId === apiKeyId) {
        disconnectWithReason(socket, { reason: 'key_revoked', message: 'The API key of this connection was revoked' }, 1_000);
      }
    }
  }
}
