import { anEvent, nth, someEvents, uniqueCategory } from './contract-fixtures';
import { type ContractContext } from './contract-context';
import { SubscriptionProbe } from './subscription-probe';

const TIMEOUT = 20_000;

/** caughtUp may carry no position; when it does, it is not before the last historical event. */
function expectCaughtUpAfter(probe: SubscriptionProbe, lastHistorical: number): void {
  const position = nth(probe.caughtUpItems, 0).position;
  if (position !== undefined) expect(position).toBeGreaterThanOrEqual(lastHistorical);
}

export function subscriptionsContract(ctx: ContractContext): void {
  describe('subscribeToAll', () => {
    it('delivers the matching history, then caughtUp, then live events', async () => {
      const category = uniqueCategory('suball');
      const other = uniqueCategory('suball');
      const history = someEvents(2);
      await ctx.store().appendToStream(`${category}-1`, history);
      await ctx.store().appendToStream(`${other}-1`, [anEvent()]);

      const probe = new SubscriptionProbe(ctx.store().subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } }));
      await probe.untilCaughtUp();
      const live = [anEvent(), anEvent()];
      await ctx.store().appendToStream(`${other}-1`, [anEvent()]);
      await ctx.store().appendToStream(`${category}-2`, [nth(live, 0)]);
      await ctx.store().appendToStream(`${category}-1`, [nth(live, 1)]);
      await probe.untilEvents(4);
      await probe.close();

      const kinds = probe.items.map((item) => (item.kind === 'event' ? item.event.id : item.kind));
      expect(kinds).toEqual([...history.map((e) => e.id), 'caughtUp', ...live.map((e) => e.id)]);
      expectCaughtUpAfter(probe, nth(probe.events, 1).position);
      expect(probe.items).toHaveLength(5);
    }, TIMEOUT);

    it('starts after fromPosition', async () => {
      const category = uniqueCategory('suball');
      const events = someEvents(3);
      await ctx.store().appendToStream(`${category}-1`, events);
      const firstOnly = await ctx.store().readStream(`${category}-1`, { maxCount: 1 });

      const probe = new SubscriptionProbe(
        ctx.store().subscribeToAll({ fromPosition: nth(firstOnly, 0).position, filter: { streamPrefixes: [`${category}-`] } }),
      );
      await probe.untilCaughtUp();
      await probe.close();
      expect(probe.events.map((e) => e.id)).toEqual(events.slice(1).map((e) => e.id));
    }, TIMEOUT);

    it('signals caughtUp at once when nothing matches yet, then delivers the first live event', async () => {
      const category = uniqueCategory('suball');
      const probe = new SubscriptionProbe(ctx.store().subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } }));
      await probe.untilCaughtUp();
      expect(probe.events).toEqual([]);
      const event = anEvent();
      await ctx.store().appendToStream(`${category}-1`, [event]);
      await probe.untilEvents(1);
      await probe.close();
      expect(probe.events.map((e) => e.id)).toEqual([event.id]);
    }, TIMEOUT);
  });

  describe('subscribeToStream', () => {
    it('delivers the stream history, then caughtUp, then live events of that stream only', async () => {
      const category = uniqueCategory('substream');
      const name = `${category}-1`;
      const history = someEvents(2);
      await ctx.store().appendToStream(name, history);

      const probe = new SubscriptionProbe(ctx.store().subscribeToStream(name));
      await probe.untilCaughtUp();
      const live = anEvent();
      await ctx.store().appendToStream(`${category}-2`, [anEvent()]);
      await ctx.store().appendToStream(name, [live], { expectedRevision: 1 });
      await probe.untilEvents(3);
      await probe.close();

      const kinds = probe.items.map((item) => (item.kind === 'event' ? item.event.id : item.kind));
      expect(kinds).toEqual([...history.map((e) => e.id), 'caughtUp', live.id]);
      expect(probe.events.map((e) => e.revision)).toEqual([0, 1, 2]);
      expectCaughtUpAfter(probe, nth(probe.events, 1).position);
    }, TIMEOUT);

    it('starts after afterRevision', async () => {
      const name = `${uniqueCategory('substream')}-1`;
      await ctx.store().appendToStream(name, someEvents(4));
      const probe = new SubscriptionProbe(ctx.store().subscribeToStream(name, { afterRevision: 1 }));
      await probe.untilCaughtUp();
      await probe.close();
      expect(probe.events.map((e) => e.revision)).toEqual([2, 3]);
    }, TIMEOUT);

    it('ends the iteration promptly when closed while waiting for live events', async () => {
      const name = `${uniqueCategory('substream')}-1`;
      await ctx.store().appendToStream(name, [anEvent()]);
      const probe = new SubscriptionProbe(ctx.store().subscribeToStream(name));
      await probe.untilCaughtUp();
      await probe.close();
      expect(probe.items.map((item) => item.kind)).toEqual(['event', 'caughtUp']);
    }, TIMEOUT);
  });
}
