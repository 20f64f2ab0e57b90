import {
  anEvent,
  expectStrictlyIncreasing,
  expectWrongExpectedVersion,
  nth,
  someEvents,
  uniqueCategory,
} from './contract-fixtures';
import { type ContractContext } from './contract-context';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function appendContract(ctx: ContractContext): void {
  const stream = (): string => `${uniqueCategory('append')}-1`;

  describe('appendToStream', () => {
    it('creates a stream with no_stream, numbering a batch from revision 0 and recording every field', async () => {
      const name = stream();
      const events = [
        anEvent({ type: 'ContractOpened', data: { nested: { list: [1, 'two'] } }, tenantId: 'tenant-a' }),
        ...someEvents(2),
      ];
      const result = await ctx.store().appendToStream(name, events, { expectedRevision: 'no_stream' });
      const read = await ctx.store().readStream(name);

      expect(result.nextExpectedRevision).toBe(2);
      // The adapter adds the tamper-evidence chain (metadata.chain); everything else is stored as given.
      expect(read.map((e) => [e.id, e.type, e.data, { ...e.metadata, chain: undefined }, e.streamName, e.revision])).toEqual(
        events.map((e, revision) => [e.id, e.type, e.data, { ...e.metadata, chain: undefined }, name, revision]),
      );
      expect(result.position).toBe(nth(read, 2).position);
      expectStrictlyIncreasing(read.map((e) => e.position));
      for (const event of read) {
        expect(event.recordedAt).toMatch(ISO_UTC);
        expect(Math.abs(Date.parse(event.recordedAt) - Date.now())).toBeLessThan(10 * 60_000);
      }
    });

    it('gives later appends larger global positions', async () => {
      const first = await ctx.store().appendToStream(stream(), [anEvent()]);
      const second = await ctx.store().appendToStream(stream(), [anEvent()]);
      expect(second.position).toBeGreaterThan(first.position);
    });

    it('rejects no_stream on an existing stream with the typed error carrying expected and actual', async () => {
      const name = stream();
      await ctx.store().appendToStream(name, someEvents(2), { expectedRevision: 'no_stream' });
      await expectWrongExpectedVersion(
        ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 'no_stream' }),
        'no_stream',
        1,
      );
    });

    it('accepts stream_exists only once the stream exists', async () => {
      const name = stream();
      await expectWrongExpectedVersion(
        ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 'stream_exists' }),
        'stream_exists',
        'no_stream',
      );
      await ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 'no_stream' });
      const result = await ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('accepts an exact revision only when it is the revision of the last event', async () => {
      const name = stream();
      await expectWrongExpectedVersion(ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 0 }), 0, 'no_stream');
      await ctx.store().appendToStream(name, someEvents(2), { expectedRevision: 'no_stream' });
      await expectWrongExpectedVersion(ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 0 }), 0, 1);
      await expectWrongExpectedVersion(ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 2 }), 2, 1);
      const result = await ctx.store().appendToStream(name, someEvents(2), { expectedRevision: 1 });
      expect(result.nextExpectedRevision).toBe(3);
    });

    it('accepts any whether or not the stream exists, and uses it when no expected revision is given', async () => {
      const name = stream();
      await ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 'any' });
      await ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 'any' });
      const result = await ctx.store().appendToStream(name, [anEvent()]);
      expect(result.nextExpectedRevision).toBe(2);
    });

    it('writes nothing from a rejected batch', async () => {
      const name = stream();
      const first = await ctx.store().appendToStream(name, [anEvent()], { expectedRevision: 'no_stream' });
      await expectWrongExpectedVersion(ctx.store().appendToStream(name, someEvents(3), { expectedRevision: 5 }), 5, 0);
      const read = await ctx.store().readStream(name);
      expect(read.map((e) => e.position)).toEqual([first.position]);
    });

    it('returns the same result and appends nothing when the same event ids are re-sent at the same expected revision', async () => {
      const name = stream();
      const batch = someEvents(2);
      const next = [anEvent()];
      const created = await ctx.store().appendToStream(name, batch, { expectedRevision: 'no_stream' });
      const continued = await ctx.store().appendToStream(name, next, { expectedRevision: 1 });

      await expect(ctx.store().appendToStream(name, batch, { expectedRevision: 'no_stream' })).resolves.toEqual(created);
      await expect(ctx.store().appendToStream(name, next, { expectedRevision: 1 })).resolves.toEqual(continued);

      const read = await ctx.store().readStream(name);
      expect(read.map((e) => e.id)).toEqual([...batch, ...next].map((e) => e.id));
    });
  });
}
