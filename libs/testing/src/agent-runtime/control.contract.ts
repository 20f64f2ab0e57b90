import type { RuntimeContractContext } from './harness';
import { allEvents, completedOutcome, firstEvent, isProgress, settlesWithin, sleep, startedRun } from './run-probes';

export function controlContract(ctx: RuntimeContractContext): void {
  describe('abort', () => {
    it('ends a running run promptly as aborted, with nothing reported after it', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('runsLong')));
      await firstEvent(run, isProgress);

      const aborting = run.abort('operator stopped the session');
      expect(await settlesWithin(aborting, ctx.promptlyMs)).toBe(true);
      const outcome = await aborting;
      expect(outcome).toEqual({ status: 'aborted', reason: 'operator stopped the session', usage: expect.any(Object) });
      expect(await run.outcome()).toEqual(outcome);

      const events = await allEvents(run);
      expect(events.at(-1)).toEqual({ type: 'ended', seq: events.length, outcome });
      await sleep(ctx.quietMs);
      expect(await allEvents(run)).toEqual(events);
      expect(await run.status()).toEqual({ phase: 'ended', lastSeq: events.length, pendingPermissions: [] });
    });

    it('leaves an ended run as it ended, and says so to later prompts', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('completes')));
      const outcome = completedOutcome(await run.outcome());

      expect(await run.abort('too late')).toEqual(outcome);
      expect(await run.injectPrompt({ injectionId: 'late', text: 'one more thing' })).toBe('ended');
      expect(await run.outcome()).toEqual(outcome);
    });
  });

  describe('injectPrompt', () => {
    it('delivers a prompt to the running agent, visibly in its progress, once per injection id', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('runsLong')));
      await firstEvent(run, isProgress);
      const prompt = { injectionId: 'injection-1', text: 'Also add a farewell function' };

      expect(await run.injectPrompt(prompt)).toBe('delivered');
      expect(await run.injectPrompt(prompt)).toBe('delivered');
      completedOutcome(await run.outcome());

      const events = await allEvents(run);
      const delivered = events.filter((e) => e.type === 'prompt_delivered');
      expect(delivered).toEqual([{ type: 'prompt_delivered', seq: expect.any(Number), injectionId: 'injection-1' }]);
      const echoed = events.filter(isProgress).filter((e) => e.text.includes(prompt.text));
      expect(echoed.length).toBeGreaterThan(0);
      expect(echoed[0]?.seq ?? 0).toBeGreaterThan(delivered[0]?.seq ?? Infinity);
    });
  });
}
