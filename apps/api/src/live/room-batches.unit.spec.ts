import type { ChangeMessage } from '@orch/contracts';
import { RoomBatches } from './room-batches';

const change = (position: number, room: ChangeMessage['room'] = 'sessions'): ChangeMessage => ({ room, position, changes: [{ entity: 'session', id: `s${position}` }] });

function batches() {
  const sent: { roomKey: string; positions: number[] }[] = [];
  let flushLater: (() => void) | undefined;
  const batcher = new RoomBatches(
    (roomKey, _room, messages) => sent.push({ roomKey, positions: messages.map((message) => message.position) }),
    (flush) => (flushLater = flush),
  );
  return { batcher, sent, later: () => flushLater?.() };
}

describe('RoomBatches: live messages of one turn go out as one frame per room', () => {
  it('given three messages for one room and one for another in the same turn, when the turn ends, then each room gets one frame with its messages in order', () => {
    const { batcher, sent, later } = batches();
    batcher.add('t1:sessions', change(1));
    batcher.add('t1:agents', change(2, 'agents'));
    batcher.add('t1:sessions', change(3));
    batcher.add('t1:sessions', change(4));
    expect(sent).toEqual([]);
    later();
    expect(sent).toEqual([
      { roomKey: 't1:sessions', positions: [1, 3, 4] },
      { roomKey: 't1:agents', positions: [2] },
    ]);
  });

  it('given pending messages, when flushed early (a socket is about to join), then they go out at once and the scheduled flush sends nothing again', () => {
    const { batcher, sent, later } = batches();
    batcher.add('t1:sessions', change(1));
    batcher.flush();
    later();
    expect(sent).toEqual([{ roomKey: 't1:sessions', positions: [1] }]);
  });

  it('given more than 500 messages for a room in one turn, then they go out as frames of at most 500, in order', () => {
    const { batcher, sent, later } = batches();
    for (let position = 1; position <= 1200; position++) batcher.add('t1:events', change(position));
    later();
    expect(sent.map((frame) => frame.positions.length)).toEqual([500, 500, 200]);
    expect(sent.flatMap((frame) => frame.positions)).toEqual(Array.from({ length: 1200 }, (_, index) => index + 1));
  });

  it('given a flush, when more messages come, then a new flush is scheduled for them', () => {
    const { batcher, sent, later } = batches();
    batcher.add('t1:sessions', change(1));
    later();
    batcher.add('t1:sessions', change(2));
    later();
    expect(sent.map((frame) => frame.positions)).toEqual([[1], [2]]);
  });
});
