import type { PermissionRequests, RuntimeContractContext } from './harness';
import { allEvents, completedOutcome, firstEvent, isPermissionRequest, isProgress, settlesWithin, sleep, startedRun } from './run-probes';

/** What the permission tests check, per adapter option (never an `if` in the test). */
const PERMISSION_CONTRACTS: Record<PermissionRequests, (ctx: RuntimeContractContext) => void> = {
  asked: askedPermissionContract,
  never: neverAskedPermissionContract,
};

export function permissionContract(ctx: RuntimeContractContext): void {
  PERMISSION_CONTRACTS[ctx.options.permissionRequests ?? 'asked'](ctx);
}

function askedPermissionContract(ctx: RuntimeContractContext): void {
  describe('permission requests', () => {
    it('block the run until answered; allow lets it finish', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('asksPermission')));
      const asked = await firstEvent(run, isPermissionRequest);
      expect(asked).toEqual({
        type: 'permission_requested',
        seq: expect.any(Number),
        requestId: expect.stringMatching(/\S/),
        tool: expect.stringMatching(/\S/),
        description: expect.stringMatching(/\S/),
      });
      const { type: _type, seq: _seq, ...request } = asked;

      await sleep(ctx.quietMs);
      const waiting = await run.status();
      expect(waiting).toEqual({ phase: 'awaiting_permission', lastSeq: expect.any(Number), pendingPermissions: [request] });
      await sleep(ctx.quietMs);
      expect((await run.status()).lastSeq).toBe(waiting.lastSeq);
      expect(await settlesWithin(run.outcome(), 0)).toBe(false);

      expect(await run.answerPermission(request.requestId, 'allow')).toBe('accepted');
      expect(await run.answerPermission(request.requestId, 'deny')).toBe('already_answered');
      completedOutcome(await run.outcome());
      const events = await allEvents(run);
      const answered = events.filter((e) => e.type === 'permission_answered');
      expect(answered).toEqual([{ type: 'permission_answered', seq: expect.any(Number), requestId: request.requestId, answer: 'allow' }]);
      expect(answered[0]?.seq ?? 0).toBeGreaterThan(asked.seq);
    });

    it('end the run as the adapter documents once denied', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('asksPermission')));
      const asked = await firstEvent(run, isPermissionRequest);

      expect(await run.answerPermission(asked.requestId, 'deny')).toBe('accepted');
      expect(await run.outcome()).toMatchObject(ctx.options.afterDeny);
      expect(await run.answerPermission(asked.requestId, 'allow')).toBe('ended');
    });

    it('answer an unknown request id with unknown_request, leaving the run waiting', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('asksPermission')));
      const asked = await firstEvent(run, isPermissionRequest);

      expect(await run.answerPermission(`${asked.requestId}-unknown`, 'allow')).toBe('unknown_request');
      expect((await run.status()).phase).toBe('awaiting_permission');
      await run.abort('test over');
    });
  });
}

function neverAskedPermissionContract(ctx: RuntimeContractContext): void {
  describe('permission requests', () => {
    it("are never raised: a run told to ask carries on under the agent's own policy", async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('asksPermission')));
      completedOutcome(await run.outcome());

      const asked = (await allEvents(run)).filter((e) => e.type === 'permission_requested' || e.type === 'permission_answered');
      expect(asked).toEqual([]);
    });

    it('answer any request id with unknown_request, leaving the run running', async () => {
      const run = startedRun(await ctx.runtime().start(await ctx.request('runsLong')));
      await firstEvent(run, isProgress);

      expect(await run.answerPermission('no-such-request', 'allow')).toBe('unknown_request');
      expect(await run.status()).toMatchObject({ phase: 'running', pendingPermissions: [] });
      await run.abort('test over');
    });
  });
}
