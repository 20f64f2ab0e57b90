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

/** Every `intervalMs`, disconnects this instance's sockets whose buffer passed `maxPackets`. */
export function sweepSlowSockets(namespace: Namespace, maxPackets: number, intervalMs: number): () => void {
  const timer = setInterval(() => {
    for (const socket of namespace.sockets.values()) {
      if (bufferedPackets(socket) > maxPackets) {
        disconnectWithReason(socket, { reason: 'slow_consumer', message: `More than ${maxPackets} messages waited for this client` }, 5_000);
      }
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
