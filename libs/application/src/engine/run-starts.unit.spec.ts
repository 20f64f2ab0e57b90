import type { RunStart } from '../ports/agent-runtime.port';
import { RunStarts } from './run-starts';

const refused: RunStart = { started: false, failure: { code: 'TASK.START_FAILED', message: 'no agent binary', retryable: true } };
const started = { started: true, run: {} } as RunStart;

describe('RunStarts', () => {
  it('answers a repeated start of a runId with the first start, without starting again', async () => {
    const starts = new RunStarts();
    const startNew = jest.fn(async () => started);
    const first = starts.start('run-1', startNew);
    expect(starts.start('run-1', startNew)).toBe(first);
    expect(await first).toBe(started);
    expect(starts.start('run-1', startNew)).toBe(first);
    expect(startNew).toHaveBeenCalledTimes(1);
  });

  it('forgets a refused start, so the runId may be started again', async () => {
    const starts = new RunStarts();
    expect(await starts.start('run-1', async () => refused)).toBe(refused);
    expect(await starts.start('run-1', async () => started)).toBe(started);
  });

  it('starts a forgotten runId afresh', async () => {
    const starts = new RunStarts();
    await starts.start('run-1', async () => started);
    starts.forget('run-1');
    const again = { started: true, run: { again: true } } as unknown as RunStart;
    expect(await starts.start('run-1', async () => again)).toBe(again);
  });
});
