import { asStored } from './as-stored';

describe('asStored', () => {
  it('given an object, when stored, then its keys come in jsonb order (shorter first, then bytewise), at every depth', () => {
    const stored = asStored({ bb: 1, a: { zz: [{ b: 1, a: 2 }], y: null }, c: 'x', ab: true });
    expect(JSON.stringify(stored)).toBe('{"a":{"y":null,"zz":[{"a":2,"b":1}]},"c":"x","ab":true,"bb":1}');
  });

  it('given scalars and arrays, when stored, then they are unchanged', () => {
    expect(asStored([3, 'b', null, false])).toEqual([3, 'b', null, false]);
    expect(asStored('text')).toBe('text');
  });
});
