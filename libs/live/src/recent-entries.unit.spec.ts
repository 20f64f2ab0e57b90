import { RecentEntries } from './recent-entries';

const at = (position: number) => ({ position });

describe('RecentEntries', () => {
  it('given entries beyond its capacity, then it keeps the newest and covers only positions after the last evicted one', () => {
    const recent = new RecentEntries<{ position: number }>(3, 10);
    expect(recent.covers(10)).toBe(true);
    expect(recent.covers(9)).toBe(false);
    for (const position of [11, 13, 17, 19, 23]) recent.push(at(position));
    expect(recent.length).toBe(3);
    expect([...recent.after(0)].map((entry) => entry.position)).toEqual([17, 19, 23]);
    expect(recent.covers(13)).toBe(true);
    expect(recent.covers(12)).toBe(false);
    expect([...recent.after(17)].map((entry) => entry.position)).toEqual([19, 23]);
    expect([...recent.after(18)].map((entry) => entry.position)).toEqual([19, 23]);
    expect([...recent.after(23)]).toEqual([]);
  });

  it('given a feed started at the beginning of the log, then it covers everything until it evicts', () => {
    const recent = new RecentEntries<{ position: number }>(2, undefined);
    expect(recent.covers(-1)).toBe(true);
    recent.push(at(1));
    recent.push(at(2));
    recent.push(at(3));
    expect(recent.covers(0)).toBe(false);
    expect(recent.covers(1)).toBe(true);
  });
});
