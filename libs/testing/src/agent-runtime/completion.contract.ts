import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuntimeContractContext } from './harness';
import { allEvents, codePoints, completedOutcome, isProgress, isUsage, micros, startedRun } from './run-probes';

const PROGRESS_KINDS = ['text', 'reasoning', 'tool', 'status'];

export function completionContract(ctx: RuntimeContractContext): void {
  describe('a run that completes', () => {
    it('ends completed with a summary, usage, and changed files that exist in its working directory', async () => {
      const request = await ctx.request('completes');
      const run = startedRun(await ctx.runtime().start(request));
      const outcome = completedOutcome(await run.outcome());

      expect(run.runtimeRef).toEqual(expect.any(String));
      expect(outcome.summary.trim().length).toBeGreaterThan(0);
      expect(codePoints(outcome.summary)).toBeLessThanOrEqual(4000);
      expect(outcome.usage.tokensIn).toBeGreaterThan(0);
      expect(outcome.usage.tokensOut).toBeGreaterThan(0);
      expect(outcome.usage.costUsd).toBeGreaterThan(0);
      expect(outcome.usage.apiCalls).toBeGreaterThan(0);
      expect(outcome.changedFiles.length).toBeGreaterThan(0);
      expect([...outcome.changedFiles].sort()).toEqual(outcome.changedFiles);
      for (const file of outcome.changedFiles) {
        expect(file).not.toMatch(/^\/|\\|(^|\/)\.\.(\/|$)/);
        expect((await stat(join(request.workingDirectory, file))).isFile()).toBe(true);
      }
    });

    it('reports its events numbered 1, 2, 3…, progress within TaskProgressed limits, and ended last', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('completes')));
      const events = await allEvents(run);

      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === 'ended')).toHaveLength(1);
      expect(events.at(-1)).toEqual({ type: 'ended', seq: events.length, outcome: await run.outcome() });
      const progress = events.filter(isProgress);
      expect(progress.length).toBeGreaterThan(0);
      for (const item of progress) {
        expect(PROGRESS_KINDS).toContain(item.kind);
        expect(codePoints(item.text)).toBeLessThanOrEqual(8000);
      }
    });

    it('reports usage as deltas that add up to the totals of its outcome', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('completes')));
      const usage = (await allEvents(run)).filter(isUsage);
      const { usage: total } = await run.outcome();

      expect(usage.length).toBeGreaterThan(0);
      const sum = (pick: (u: (typeof usage)[number]) => number): number => usage.reduce((acc, u) => acc + pick(u), 0);
      expect([sum((u) => u.tokensIn), sum((u) => u.tokensOut), sum((u) => u.apiCalls), sum((u) => u.apiErrors)]).toEqual([
        total.tokensIn,
        total.tokensOut,
        total.apiCalls,
        total.apiErrors,
      ]);
      expect(sum((u) => micros(u.costUsd))).toBe(micros(total.costUsd));
      for (const delta of usage) expect(Math.min(delta.tokensIn, delta.tokensOut, delta.costUsd, delta.apiCalls, delta.apiErrors)).toBeGreaterThanOrEqual(0);
    });

    it('replays its events from any seq, to any number of streams, the same as they came live', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('completes')));
      const [live, alsoLive] = await Promise.all([allEvents(run), allEvents(run)]);
      const middle = Math.floor(live.length / 2);

      expect(alsoLive).toEqual(live);
      expect(await allEvents(run)).toEqual(live);
      expect(await allEvents(run, middle)).toEqual(live.slice(middle));
      expect(await allEvents(run, live.length)).toEqual([]);
    });

    it('is started once per runId: starting the same run again returns it, not a second run', async () => {
      const request = await ctx.request('completes');
      const first = startedRun(await ctx.runtime().start(request));
      const again = startedRun(await ctx.runtime().start(request));
      const other = startedRun(await ctx.runtime().start({ ...request, runId: `${request.runId}-other` }));

      expect(again.runtimeRef).toBe(first.runtimeRef);
      expect(other.runtimeRef).not.toBe(first.runtimeRef);
      expect(await again.outcome()).toEqual(await first.outcome());
      expect(startedRun(await ctx.runtime().start(request)).runtimeRef).toBe(first.runtimeRef);
      await other.outcome();
    });
  });

  describe('a run that fails', () => {
    it('ends failed with TASK.AGENT_ERROR, a message, whether to retry, and the usage spent', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('fails')));
      const outcome = await run.outcome();

      expect(outcome).toEqual({
        status: 'failed',
        code: 'TASK.AGENT_ERROR',
        message: expect.stringMatching(/\S/),
        retryable: expect.any(Boolean),
        usage: expect.objectContaining({ apiCalls: expect.any(Number) }),
      });
      expect((await allEvents(run)).at(-1)).toMatchObject({ type: 'ended', outcome });
    });

    it('does not start without its working directory: TASK.START_FAILED', async () => {
      const request = await ctx.request('completes');
      const start = await ctx.runtime().start({ ...request, workingDirectory: join(request.workingDirectory, 'missing') });

      expect(start).toEqual({
        started: false,
        failure: { code: 'TASK.START_FAILED', message: expect.stringMatching(/\S/), retryable: expect.any(Boolean) },
      });
    });
  });
}
