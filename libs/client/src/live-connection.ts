import {
  LIVE_NAMESPACE,
  LIVE_SOCKET,
  type ChangeMessage,
  type EventMessage,
  type LiveDisconnect,
  type LiveBatch,
  type LiveError,
  type LiveMessage,
  type LiveRoom,
  type SubscribeAck,
} from '@orch/contracts';
import { io, type Socket } from 'socket.io-client';
import type { Transport } from './transport';

/** A catch-up of a large backlog takes a while; its answer comes after it. */
const ACK_TIMEOUT_MS = 120_000;

export interface LiveConnectionOptions {
  /** socket.io-client options to add (e.g. `transports`); auth is set from the API key. */
  readonly socket?: Record<string, unknown>;
  /** A refused handshake, a failed subscription, or a server notice before it cut the socket. */
  readonly onError?: (error: LiveError | LiveDisconnect) => void;
}

export type RoomHandler<M extends LiveMessage> = (message: M) => void;

/** One room subscription; `position` is the last position received (or acknowledged live). */
export interface RoomSubscription {
  readonly room: LiveRoom;
  readonly position: number | undefined;
  /** Resolves with the server's answer to the first subscribe (after the catch-up). */
  readonly ready: Promise<SubscribeAck>;
  close(): Promise<void>;
}

class Subscription implements RoomSubscription {
  position: number | undefined;
  readonly ready: Promise<SubscribeAck>;
  private answered: ((ack: SubscribeAck) => void) | undefined;

  constructor(
    readonly room: LiveRoom,
    fromPosition: number | undefined,
    readonly handler: RoomHandler<LiveMessage>,
    private readonly connection: LiveConnection,
  ) {
    this.position = fromPosition;
    this.ready = new Promise((resolve) => (this.answered = resolve));
  }

  /** Drops anything at or before the last position: a resubscription can never repeat a message. */
  receive(message: LiveMessage): void {
    if (this.position !== undefined && message.position <= this.position) return;
    this.position = message.position;
    this.handler(message);
  }

  acknowledged(ack: SubscribeAck): void {
    if (ack.ok && ack.position !== null && (this.position === undefined || ack.position > this.position)) this.position = ack.position;
    this.answered?.(ack);
    this.answered = undefined;
  }

  close(): Promise<void> {
    return this.connection.unsubscribe(this);
  }
}

/**
 * The live gateway (socket.io `/live`) for one API key. Subscriptions remember their last
 * position; after a reconnect (a network drop, or the server cutting a slow consumer) every room
 * is subscribed again from there, so handlers see each position once, in order.
 */
export class LiveConnection {
  readonly socket: Socket;
  private readonly rooms = new Map<LiveRoom, Subscription>();
  private closed = false;

  constructor(
    http: Transport,
    private readonly options: LiveConnectionOptions = {},
  ) {
    this.socket = io(`${http.origin}${LIVE_NAMESPACE}`, { transports: ['websocket'], ...options.socket, auth: { token: http.apiKey } });
    this.socket.on(LIVE_SOCKET.event, (message: EventMessage) => this.rooms.get(message.room)?.receive(message));
    this.socket.on(LIVE_SOCKET.change, (message: ChangeMessage) => this.rooms.get(message.room)?.receive(message));
    const batch = (frame: LiveBatch) => {
      const subscription = this.rooms.get(frame.room);
      if (subscription) for (const message of frame.messages) subscription.receive(message);
    };
    this.socket.on(LIVE_SOCKET.events, batch);
    this.socket.on(LIVE_SOCKET.changes, batch);
    this.socket.on(LIVE_SOCKET.disconnecting, (notice: LiveDisconnect) => {
      options.onError?.(notice);
      if (notice.reason === 'key_revoked') this.closed = true;
    });
    this.socket.on('connect', () => {
      for (const subscription of this.rooms.values()) void this.send(subscription);
    });
    this.socket.on('disconnect', (reason) => {
      // The server cut us (slow consumer, shutdown): socket.io waits for us to reconnect.
      if (reason === 'io server disconnect' && !this.closed) setTimeout(() => !this.closed && this.socket.connect(), 500);
    });
    this.socket.on('connect_error', (error: Error & { data?: LiveError }) => {
      if (error.data) options.onError?.(error.data);
    });
  }

  /** Resolves once connected; rejects with the handshake's refusal (bad key). */
  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (error: Error & { data?: LiveError }) => {
        if (error.data) reject(Object.assign(new Error(error.data.message), error.data));
      });
    });
  }

  subscribe(room: 'events', handler: RoomHandler<EventMessage>, options?: { fromPosition?: number }): RoomSubscription;
  subscribe(room: Exclude<LiveRoom, 'events'>, handler: RoomHandler<ChangeMessage>, options?: { fromPosition?: number }): RoomSubscription;
  subscribe(room: LiveRoom, handler: RoomHandler<never>, options: { fromPosition?: number } = {}): RoomSubscription {
    this.rooms.get(room)?.close();
    const subscription = new Subscription(room, options.fromPosition, handler as RoomHandler<LiveMessage>, this);
    this.rooms.set(room, subscription);
    // Not connected yet: the connect handler subscribes every room.
    if (this.socket.connected) void this.send(subscription);
    return subscription;
  }

  async unsubscribe(subscription: RoomSubscription): Promise<void> {
    if (this.rooms.get(subscription.room) !== subscription) return;
    this.rooms.delete(subscription.room);
    if (this.socket.connected) await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(LIVE_SOCKET.unsubscribe, { room: subscription.room }).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    this.rooms.clear();
    this.socket.close();
  }

  /** A lost answer (the socket dropped) is no error: the next connect subscribes again. */
  private async send(subscription: Subscription): Promise<void> {
    const request = { room: subscription.room, ...(subscription.position === undefined ? {} : { fromPosition: subscription.position }) };
    let ack: SubscribeAck;
    try {
      ack = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(LIVE_SOCKET.subscribe, request)) as SubscribeAck;
    } catch {
      return;
    }
    if (this.rooms.get(subscription.room) !== subscription) return;
    if (!ack.ok && ack.error.code === 'LIVE.SUBSCRIPTION_REPLACED') return;
    subscription.acknowledged(ack);
    if (!ack.ok) this.options.onError?.(ack.error);
  }
}
