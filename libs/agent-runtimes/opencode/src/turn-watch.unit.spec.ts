import { assistantMessage, snapshot, textPart, userMessage } from './testing/session-mother';
import { TurnWatch } from './turn-watch';

const prompt = userMessage('msg_1', 'Build it');
const unfinished = snapshot([prompt, assistantMessage('msg_2', [], { time: { created: 2 } })]);
const busy = snapshot([prompt], { status: 'busy' });
const at = (now: number, generation = 1) => ({ denied: false, generation, now });

describe('TurnWatch', () => {
  it('given a session seen working, when it sits idle with its turn unfinished on a restarted server, then the run is lost at once', () => {
    const watch = new TurnWatch(15_000);
    expect(watch.decide(busy, at(0))).toEqual({ kind: 'wait' });

    expect(watch.decide(unfinished, at(100, 2))).toEqual({
      kind: 'end',
      ending: { status: 'failed', code: 'TASK.RUN_LOST', message: expect.stringContaining('restarted'), retryable: true },
    });
  });

  it('given an idle, unfinished session on the same server, then the run is lost only after stallMs', () => {
    const watch = new TurnWatch(15_000);

    expect(watch.decide(unfinished, at(0))).toEqual({ kind: 'wait' });
    expect(watch.decide(unfinished, at(14_999))).toEqual({ kind: 'wait' });
    expect(watch.decide(unfinished, at(15_000))).toMatchObject({ kind: 'end', ending: { code: 'TASK.RUN_LOST' } });
  });

  it('given the session works again, then the stall clock starts over', () => {
    const watch = new TurnWatch(15_000);
    watch.decide(unfinished, at(0));
    watch.decide(busy, at(10_000));

    expect(watch.decide(unfinished, at(20_000))).toEqual({ kind: 'wait' });
  });

  it('given OpenCode reported a session error for an unanswered prompt, then the run failed with it', () => {
    const watch = new TurnWatch(15_000);
    watch.noteSessionError({ name: 'ProviderModelNotFoundError', data: { message: 'mock/nope not found' } });

    expect(watch.decide(snapshot([prompt]), at(0))).toMatchObject({ kind: 'end', ending: { code: 'TASK.AGENT_ERROR', message: expect.stringContaining('mock/nope'), retryable: false } });
  });

  it('given a finished answer, then the run completes with its text', () => {
    expect(new TurnWatch(1).decide(snapshot([prompt, assistantMessage('msg_2', [textPart('p', 'All done.')])]), at(0))).toEqual({ kind: 'complete', summary: 'All done.' });
  });
});
