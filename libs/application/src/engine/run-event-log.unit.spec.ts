import type { RunEvent } from '../ports/agent-runtime.port';
import { RunEventLog } from './run-event-log';

const ENDED = { type: 'ended', outcome: { status: 'aborted', reason: 'r', usage: { tokensIn: 0, tokensOut: 0, costUsd: 0, apiCalls: 0, apiErrors: 0 } } } as const;

async function drain(stream: AsyncIterable<RunEvent>): Promise<number[]> {
  const seqs: number[] = [];
  for await (const event of stream) seqs.push(event.seq);
  return seqs;
}

describe('RunEventLog', () => {
  it('numbers events from 1 and records nothing after ended', () => {
    const log = new RunEventLog();
    log.append({ type: 'progress', kind: 'status', text: 'a' });
    expect(log.append(ENDED)?.seq).toBe(2);
    expect(log.append({ type: 'progress', kind: 'status', text: 'late' })).toBeUndefined();
    expect([log.lastSeq, log.ended]).toEqual([2, true]);
  });

  it('replays from a seq, then follows live events until ended', async () => {
    const log = new RunEventLog();
    log.append({ type: 'progress', kind: 'status', text: 'a' });
    const all = drain(log.stream());
    const tail = drain(log.stream(1));
    log.append({ type: 'prompt_delivered', injectionId: 'i' });
    log.append(ENDED);
    expect(await all).toEqual([1, 2, 3]);
    expect(await tail).toEqual([2, 3]);
  });

  it('ends a waiting stream when it is closed', async () => {
    const log = new RunEventLog();
    const stream = log.stream();
    const seqs = drain(stream);
    await stream.close();
    expect(await seqs).toEqual([]);
  });
});
