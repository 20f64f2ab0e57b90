import { uuidv5, uuidv7 } from './uuid';

describe('ids', () => {
  it('makes v7 ids that sort by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });
  it('derives the same v5 id from the same name, and different ids from different names', () => {
    expect(uuidv5('x')).toBe(uuidv5('x'));
    expect(uuidv5('x')).not.toBe(uuidv5('y'));
    expect(uuidv5('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
