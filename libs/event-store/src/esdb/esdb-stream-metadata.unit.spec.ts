import { fromEsdbStreamMetadata, toEsdbStreamMetadata } from './esdb-stream-metadata';

describe('stream metadata mapping', () => {
  it('writes only the fields given', () => {
    expect(toEsdbStreamMetadata({ maxAge: 3600, maxCount: 10, truncateBefore: 4 })).toEqual({
      maxAge: 3600,
      maxCount: 10,
      truncateBefore: 4,
    });
    expect(toEsdbStreamMetadata({ maxCount: 2 })).toEqual({ maxCount: 2 });
    expect(toEsdbStreamMetadata({})).toEqual({});
  });

  it('reads the port fields back and drops the rest (ACLs, custom keys)', () => {
    const read = fromEsdbStreamMetadata({ maxAge: 60, maxCount: 5, truncateBefore: 3, acl: { readRoles: ['$all'] }, owner: 'x' });
    expect(read).toEqual({ maxAge: 60, maxCount: 5, truncateBefore: 3 });
  });

  it('reads no metadata as none', () => {
    expect(fromEsdbStreamMetadata(undefined)).toEqual({});
  });

  it("hides a soft delete's truncate-before marker (2^63-1), which is not a revision", () => {
    // What JSON.parse makes of the server's {"$tb": 9223372036854775807}.
    const deletedMarker = JSON.parse('{"truncateBefore": 9223372036854775807}') as { truncateBefore: number };
    expect(fromEsdbStreamMetadata(deletedMarker)).toEqual({});
  });
});
