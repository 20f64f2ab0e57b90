import { type ReadAllOptions, type ReadAllPage } from '@orch/application';
import { anEvent, expectStrictlyIncreasing, nth, sleep, someEvents, uniqueCategory } from './contract-fixtures';
import { type ContractContext } from './contract-context';

/**
 * The global log may lag behind appends (the PostgreSQL store holds back events until every
 * transaction that started before them has ended, and other tests share the server), but it never
 * reorders or drops them. So: read until `count` events are visible, then assert on that read.
 */
async function readAllOnce(ctx: ContractContext, options: ReadAllOptions, count: number): Promise<ReadAllPage> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const page = await ctx.store().readAll(options);
    if (page.events.length >= count || Date.now() > deadline) return page;
    await sleep(50);
  }
}

export function readAllContract(ctx: ContractContext): void {
  describe('readAll', () => {
    it('filters by stream prefix, in global order, from an exclusive position', async () => {
      const category = uniqueCategory('all');
      const other = uniqueCategory('all');
      await ctx.store().appendToStream(`${category}-1`, someEvents(2));
      await ctx.store().appendToStream(`${other}-1`, someEvents(1));
      await ctx.store().appendToStream(`${category}-2`, someEvents(2));

      const page = await readAllOnce(ctx, { filter: { streamPrefixes: [`${category}-`] }, maxCount: 100 }, 4);
      expect(page.events.map((e) => [e.streamName, e.revision])).toEqual([
        [`${category}-1`, 0],
        [`${category}-1`, 1],
        [`${category}-2`, 0],
        [`${category}-2`, 1],
      ]);
      expectStrictlyIncreasing(page.events.map((e) => e.position));

      const after = await ctx.store().readAll({
        fromPosition: nth(page.events, 1).position,
        filter: { streamPrefixes: [`${category}-`, `${other}-`] },
        maxCount: 100,
      }); // everything below page's last position was already visible
      expect(after.events.map((e) => e.streamName)).toEqual([`${other}-1`, `${category}-2`, `${category}-2`]);
    });

    it('filters by event type prefix, matching any of the prefixes given', async () => {
      const opened = `${uniqueCategory('Contract')}Opened`;
      const closed = `${opened.slice(0, -'Opened'.length)}Closed`;
      const unrelated = `${uniqueCategory('Contract')}Opened`;
      const name = `${uniqueCategory('types')}-1`;
      const events = [anEvent({ type: opened }), anEvent({ type: unrelated }), anEvent({ type: closed })];
      await ctx.store().appendToStream(name, events);

      const typePrefix = opened.slice(0, -'Opened'.length);
      const page = await readAllOnce(ctx, { filter: { eventTypePrefixes: [typePrefix] }, maxCount: 100 }, 2);
      expect(page.events.map((e) => e.type)).toEqual([opened, closed]);

      const both = await ctx.store().readAll({ filter: { eventTypePrefixes: [typePrefix, unrelated] }, maxCount: 100 });
      expect(both.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    });

    it('filters by tenant', async () => {
      const tenant = uniqueCategory('tenant');
      const mine = [anEvent({ tenantId: tenant }), anEvent({ tenantId: tenant })];
      await ctx.store().appendToStream(`${uniqueCategory('tenants')}-1`, [nth(mine, 0), anEvent({ tenantId: 'someone-else' })]);
      await ctx.store().appendToStream(`${uniqueCategory('tenants')}-2`, [nth(mine, 1)]);

      const page = await readAllOnce(ctx, { filter: { tenantId: tenant }, maxCount: 100 }, 2);
      expect(page.events.map((e) => e.id)).toEqual(mine.map((e) => e.id));
    });

    it('pages with maxCount: lastPosition continues the read, isEnd marks the last page', async () => {
      const category = uniqueCategory('pages');
      const written = someEvents(5);
      await ctx.store().appendToStream(`${category}-1`, written.slice(0, 3));
      await ctx.store().appendToStream(`${category}-2`, written.slice(3));
      const filter = { streamPrefixes: [`${category}-`] };
      await readAllOnce(ctx, { filter, maxCount: 100 }, written.length);

      const pages = [];
      let fromPosition: number | undefined;
      for (let page = 0; page < 3; page += 1) {
        const read = await ctx.store().readAll({ fromPosition, maxCount: 2, filter });
        pages.push(read);
        fromPosition = read.lastPosition;
      }
      expect(pages.map((page) => page.events.length)).toEqual([2, 2, 1]);
      expect(pages.map((page) => page.isEnd)).toEqual([false, false, true]);
      expect(pages.flatMap((page) => page.events.map((e) => e.id))).toEqual(written.map((e) => e.id));
      expect(pages.map((page) => page.lastPosition)).toEqual(pages.map((page) => page.events.at(-1)?.position));

      const empty = await ctx.store().readAll({ fromPosition, maxCount: 2, filter });
      expect(empty).toEqual({ events: [], lastPosition: fromPosition, isEnd: true });
    });
  });
}
