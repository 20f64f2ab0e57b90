import type { PermissionRequests, RuntimeContractContext } from './harness';
import { firstEvent, isPermissionRequest, startedRun } from './run-probes';

const TIMED_OUT = { status: 'failed', code: 'TASK.TIMED_OUT', retryable: true };

export function limitsContract(ctx: RuntimeContractContext): void {
  describe('maxDurationMs', () => {
    it('ends a hung run as failed with TASK.TIMED_OUT once its time is up', async () => {
      const limits = { maxDurationMs: ctx.hangLimitMs };
      const startedAt = Date.now();
      const run = startedRun(await ctx.runtime().start(await ctx.request('hangs', { limits })));
      const outcome = await run.outcome();
      const elapsed = Date.now() - startedAt;

      expect(outcome).toMatchObject({ ...TIMED_OUT, message: expect.stringMatching(/\S/) });
      expect(elapsed).toBeGreaterThanOrEqual(ctx.hangLimitMs - 20);
      expect(elapsed).toBeLessThan(ctx.hangLimitMs + ctx.promptlyMs);
    });

    WAIT_FOR_AN_ANSWER[ctx.options.permissionRequests ?? 'asked'](ctx);
  });
}

/** Only an agent that asks can wait for an answer. */
const WAIT_FOR_AN_ANSWER: Record<PermissionRequests, (ctx: RuntimeContractContext) => void> = {
  asked: (ctx) =>
    it('counts the wait for a permission answer: an unanswered request times out too', async () => {
      const limits = { maxDurationMs: ctx.hangLimitMs };
      const run = startedRun(await ctx.runtime().start(await ctx.request('asksPermission', { limits })));
      await firstEvent(run, isPermissionRequest);

      expect(await run.outcome()).toMatchObject(TIMED_OUT);
      expect(await run.status()).toMatchObject({ phase: 'ended', pendingPermissions: [] });
    }),
  never: () => undefined,
};
