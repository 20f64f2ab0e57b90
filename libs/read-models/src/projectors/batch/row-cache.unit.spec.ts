import { RowCache } from './row-cache';

describe('RowCache', () => {
  it('given stored rows just read, when asked again, then only keys never seen are missing, and absent ones stay absent', () => {
    const cache = new RowCache<{ id: string; n: number }>();
    expect(cache.missing(['a', 'b', 'a'])).toEqual(['a', 'b']);
    cache.remember(['a', 'b'], new Map([['a', { id: 'a', n: 1 }]]));
    expect(cache.missing(['a', 'b', 'c'])).toEqual(['c']);
    expect(cache.get('a')).toEqual({ id: 'a', n: 1 });
    expect(cache.get('b')).toBeUndefined();
  });

  it('given changed rows, when taken, then each comes once and the next take is empty', () => {
    const cache = new RowCache<{ id: string; n: number }>(true);
    cache.set('a', { id: 'a', n: 1 });
    cache.set('a', { id: 'a', n: 2 });
    cache.set('b', { id: 'b', n: 1 });
    expect(cache.takeChanged()).toEqual([{ id: 'a', n: 2 }, { id: 'b', n: 1 }]);
    expect(cache.takeChanged()).toEqual([]);
  });

  it('given a complete cache, when reset, then it reads every key again', () => {
    const cache = new RowCache<{ id: string }>(true);
    expect(cache.missing(['a'])).toEqual([]);
    cache.reset();
    expect(cache.missing(['a'])).toEqual(['a']);
  });
});
