import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RuntimeContractContext } from './harness';
import { listFiles } from './run-fixtures';
import { completedOutcome, firstEvent, isProgress, startedRun } from './run-probes';

export function isolationContract(ctx: RuntimeContractContext): void {
  describe('concurrent runs', () => {
    it('each work in their own directory, touching nothing outside it', async () => {
      const requests = await Promise.all([
        ctx.request('completes', { taskId: 'greeting', title: 'Implement the greeting service' }),
        ctx.request('completes', { taskId: 'billing', title: 'Build the billing report' }),
      ]);
      const runs = await Promise.all(requests.map(async (request) => startedRun(await ctx.runtime().start(request))));
      const outcomes = await Promise.all(runs.map(async (run) => completedOutcome(await run.outcome())));

      expect(new Set(runs.map((run) => run.runtimeRef)).size).toBe(2);
      expect((await readdir(ctx.tempRoot())).sort()).toEqual(requests.map((r) => basename(r.workingDirectory)).sort());
      for (const [index, request] of requests.entries()) {
        expect(await listFiles(request.workingDirectory)).toEqual(expect.arrayContaining([...(outcomes[index]?.changedFiles ?? [])]));
      }
    });

    it('are controlled one at a time: aborting one leaves the other to complete', async () => {
      const [doomed, kept] = await Promise.all([ctx.request('runsLong'), ctx.request('completes', { taskId: 'kept' })]);
      const doomedRun = startedRun(await ctx.runtime().start(doomed));
      const keptRun = startedRun(await ctx.runtime().start(kept));
      await firstEvent(doomedRun, isProgress);

      expect(await doomedRun.abort('only this one')).toMatchObject({ status: 'aborted' });
      completedOutcome(await keptRun.outcome());
    });
  });
}
