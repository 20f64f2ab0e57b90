import type { LiveMessage } from '@orch/contracts';

/** At most this many messages per frame; a larger burst goes out as several frames, in order. */
const MAX_PER_FRAME = 500;

type Send = (roomKey: string, room: LiveMessage['room'], messages: readonly LiveMessage[]) => void;

/**
 * Live room messages published in one turn of the event loop go out as one frame per room
 * (`LIVE_SOCKET.changes` / `events`): with a hundred sockets in a room, a message per frame costs a
 * socket write per socket per message, which is most of the gateway's time at a few hundred events
 * a second. `flush` must run before a socket joins a room (its catch-up already sent what is
 * pending), so a joining socket never gets a message twice.
 */
export class RoomBatches {
  private readonly pending = new Map<string, { room: LiveMessage['room']; messages: LiveMessage[] }>();
  private scheduled = false;

  constructor(
    private readonly send: Send,
    private readonly schedule: (flush: () => void) => void = (flush) => setImmediate(flush),
  ) {}

  add(roomKey: string, message: LiveMessage): void {
    const batch = this.pending.get(roomKey);
    if (batch) batch.messages.push(message);
    else this.pending.set(roomKey, { room: message.room, messages: [message] });
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Sends everything pending, each room's messages in the order they were added. */
  flush(): void {
    this.scheduled = false;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [roomKey, { room, messages }] of batches) {
      for (let start = 0; start < messages.length; start += MAX_PER_FRAME) this.send(roomKey, room, messages.slice(start, start + MAX_PER_FRAME));
    }
  }
}
