import type { AttachResult, TaskRun } from '@orch/application';
import type { AfterRestart, RuntimeContractContext } from './harness';
import { allEvents, completedOutcome, firstEvent, isProgress, startedRun } from './run-probes';

function attachedRun(result: AttachResult): TaskRun {
  if (!result.found) throw new Error(`the run was not found: ${result.message}`);
  return result.run;
}

/** What a restarted engine must find, per adapter option (never an `if` in the test). */
const AFTER_RESTART: Record<AfterRestart, (attached: AttachResult) => Promise<void>> = {
  reattaches: async (attached) => {
    const run = attachedRun(attached);
    completedOutcome(await run.outcome());
    expect((await allEvents(run))[0]?.seq).toBe(1);
  },
  unknown_run: async (attached) => {
    expect(attached).toEqual({ found: false, reason: 'unknown_run', message: expect.stringMatching(/\S/) });
  },
};

export function attachContract(ctx: RuntimeContractContext): void {
  describe('attach', () => {
    it('answers unknown_run, with a message, for a runtimeRef it never gave', async () => {
      expect(await ctx.runtime().attach('no-such-run')).toEqual({
        found: false,
        reason: 'unknown_run',
        message: expect.stringMatching(/\S/),
      });
    });

    it('finds a running run: its events from seq 1, its outcome, and control over it', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('runsLong')));
      await firstEvent(run, isProgress);
      const attached = attachedRun(await ctx.runtime().attach(run.runtimeRef));

      expect(attached.runtimeRef).toBe(run.runtimeRef);
      const replay = allEvents(attached);
      expect(await attached.abort('aborted through the attached handle')).toMatchObject({ status: 'aborted' });
      expect(await run.outcome()).toEqual(await attached.outcome());
      expect(await replay).toEqual(await allEvents(run));
    });

    it('finds an ended run with its outcome', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('completes')));
      const outcome = completedOutcome(await run.outcome());
      const attached = attachedRun(await ctx.runtime().attach(run.runtimeRef));

      expect(await attached.outcome()).toEqual(outcome);
      expect(await allEvents(attached)).toEqual(await allEvents(run));
    });

    it(`after an engine restart: ${ctx.options.afterRestart}`, async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('completes')));
      await firstEvent(run, isProgress);
      await ctx.runtime().close();
      const restarted = await ctx.restartedRuntime();

      await AFTER_RESTART[ctx.options.afterRestart](await restarted.attach(run.runtimeRef));
    });
  });
}
