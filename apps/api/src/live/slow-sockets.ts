import { LIVE_SOCKET, type LiveDisconnect } from '@orch/contracts';
import type { Namespace, Socket } from 'socket.io';

interface EngineConnection {
  readonly writeBuffer: readonly unknown[];
  once(event: 'drain' | 'close', listener: () => void): void;
  off(event: 'drain' | 'close', listener: () => void): void;
  close(discard?: boolean): void;
  readonly transport?: { readonly socket?: { terminate?: () => void } };
}

/** Packets engine.io holds for a socket because its client is not reading fast enough. */
export function bufferedPackets(socket: Socket): number {
  return (socket.conn as unknown as EngineConnection).writeBuffer.length;
}

/** Bytes of those packets (a live frame carries a batch of messages, so packets alone do not bound memory). */
export function bufferedBytes(socket: Socket): number {
  let bytes = 0;
  for (const packet of (socket.conn as unknown as EngineConnection).writeBuffer as readonly { data?: unknown }[]) {
    const { data } = packet;
    bytes += typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;
  }
  return bytes;
}

/** Resolves once the socket's buffer is below `lowWater`: catch-ups go no faster than the client reads. */
export function socketReady(socket: Socket, lowWater: number, signal: AbortSignal): Promise<void> {
  if (bufferedPackets(socket) <= lowWater || signal.aborted) return Promise.resolve();
  const conn = socket.conn as unknown as EngineConnection;
  return new Promise((resolve) => {
    const done = () => {
      conn.off('drain', done);
      conn.off('close', done);
      resolve();
    };
    conn.once('drain', done);
    conn.once('close', done);
  });
}

/**
 * Tells a socket why it is being cut off, then closes it; a client that never reads the notice
 * is cut hard after `graceMs`, so its buffer is freed either way. The SDK reconnects and
 * resubscribes from the last position it got, so a slow consumer loses nothing.
 */
export function disconnectWithReason(socket: Socket, notice: LiveDisconnect, graceMs: number): void {
  socket.emit(LIVE_SOCKET.disconnecting, notice);
  socket.disconnect(true);
  const conn = socket.conn as unknown as EngineConnection;
  const hard = setTimeout(() => {
    conn.close(true);
    conn.transport?.socket?.terminate?.();
  }, graceMs);
  hard.unref();
  conn.once('close', () => clearTimeout(hard));
}

/** Every `intervalMs`, disconnects this instance's sockets whose buffer passed `limits` (packets or bytes). */
export function sweepSlowSockets(namespace: Namespace, limits: { readonly packets: number; readonly bytes: number }, intervalMs: number): () => void {
  const timer = setInterval(() => {
    for (const socket of namespace.sockets.values()) {
      const packets = bufferedPackets(socket);
      const bytes = packets === 0 ? 0 : bufferedBytes(socket);
      if (packets > limits.packets || bytes > limits.bytes) {
        const message = packets > limits.packets ? `More than ${limits.packets} frames waited for this client` : `More than ${limits.bytes} bytes waited for this client`;
        disconnectWithReason(socket, { reason: 'slow_consumer', message }, 5_000);
      }
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
