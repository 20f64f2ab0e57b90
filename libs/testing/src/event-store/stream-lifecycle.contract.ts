import { StreamDeletedError } from '@orch/application';
import { anEvent, expectWrongExpectedVersion, sleep, someEvents, uniqueCategory } from './contract-fixtures';
import { type ContractContext } from './contract-context';

export function streamLifecycleContract(ctx: ContractContext): void {
  const stream = (): string => `${uniqueCategory('life')}-1`;
  const revisionsOf = async (name: string, direction?: 'backwards'): Promise<number[]> =>
    (await ctx.store().readStream(name, { direction })).map((event) => event.revision);

  describe('stream metadata', () => {
    it('reads as empty until set, then as set', async () => {
      const name = stream();
      await ctx.store().appendToStream(name, [anEvent()]);
      expect(await ctx.store().getStreamMetadata(name)).toEqual({});
      await ctx.store().setStreamMetadata(name, { maxAge: 3600, maxCount: 10, truncateBefore: 0 });
      expect(await ctx.store().getStreamMetadata(name)).toEqual({ maxAge: 3600, maxCount: 10, truncateBefore: 0 });
    });

    it('maxCount: only the newest events are read', async () => {
      const name = stream();
      await ctx.store().appendToStream(name, someEvents(5));
      await ctx.store().setStreamMetadata(name, { maxCount: 2 });
      expect(await revisionsOf(name)).toEqual([3, 4]);
      expect(await revisionsOf(name, 'backwards')).toEqual([4, 3]);
      await ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 4 });
      expect(await revisionsOf(name)).toEqual([4, 5]);
    });

    it('truncateBefore: earlier revisions are no longer read', async () => {
      const name = stream();
      await ctx.store().appendToStream(name, someEvents(5));
      await ctx.store().setStreamMetadata(name, { truncateBefore: 3 });
      expect(await revisionsOf(name)).toEqual([3, 4]);
      expect((await ctx.store().readStream(name, { fromRevision: 1 })).map((e) => e.revision)).toEqual([3, 4]);
    });

    it('maxAge: events older than maxAge seconds are no longer read', async () => {
      const name = stream();
      await ctx.store().appendToStream(name, someEvents(2));
      await ctx.store().setStreamMetadata(name, { maxAge: 1 });
      await sleep(2100);
      await ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 1 });
      expect(await revisionsOf(name)).toEqual([2]);
    }, 10_000);
  });

  describe('soft delete', () => {
    it('reads as empty, and a later append continues the revisions', async () => {
      const name = stream();
      await ctx.store().appendToStream(name, someEvents(2));
      await ctx.store().deleteStream(name);
      expect(await ctx.store().readStream(name)).toEqual([]);

      const result = await ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 'any' });
      expect(result.nextExpectedRevision).toBe(2);
      expect(await revisionsOf(name)).toEqual([2]);
    });

    it('checks the expected revision', async () => {
      const name = stream();
      await ctx.store().appendToStream(name, someEvents(2));
      await expectWrongExpectedVersion(ctx.store().deleteStream(name, { expectedRevision: 0 }), 0, 1);
      expect(await revisionsOf(name)).toEqual([0, 1]);
      await ctx.store().deleteStream(name, { expectedRevision: 1 });
      expect(await revisionsOf(name)).toEqual([]);
    });
  });

  describe('tombstone', () => {
    it('rejects every later append and read with StreamDeletedError', async () => {
      const name = stream();
      await ctx.store().appendToStream(name, someEvents(2));
      await ctx.store().tombstoneStream(name, { expectedRevision: 1 });

      const append = ctx.store().appendToStream(name, [anEvent()]);
      await expect(append).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(append).rejects.toMatchObject({ code: 'EVENT_STORE.STREAM_DELETED', streamName: name });
      await expect(ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 1 })).rejects.toBeInstanceOf(
        StreamDeletedError,
      );
      await expect(ctx.store().readStream(name)).rejects.toBeInstanceOf(StreamDeletedError);
    });
  });
}
