import { filterArgs } from './read-all';
import { toSafeNumber } from './row-mapping';
import { assertSchemaName } from './schema-name';

describe('filterArgs', () => {
  it('given no filter or empty lists, when mapped, then every argument is null (nothing filtered)', () => {
    expect(filterArgs({})).toEqual([null, null, null]);
    expect(filterArgs({ streamPrefixes: [], eventTypePrefixes: [] })).toEqual([null, null, null]);
  });

  it('given every field, when mapped, then each becomes its own bound argument, values untouched', () => {
    expect(filterArgs({ streamPrefixes: ['session-', 'agent_%'], eventTypePrefixes: ['Session'], tenantId: "t'1" })).toEqual([
      ['session-', 'agent_%'],
      ['Session'],
      "t'1",
    ]);
  });
});

describe('toSafeNumber', () => {
  it('parses bigint text up to 2^53 - 1 and refuses anything beyond', () => {
    expect(toSafeNumber('9007199254740991', 'position')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toSafeNumber('9007199254740992', 'position')).toThrow(/beyond Number.MAX_SAFE_INTEGER/);
  });
});

describe('assertSchemaName', () => {
  it('accepts plain lower-case identifiers only', () => {
    expect(assertSchemaName('event_store')).toBe('event_store');
    for (const bad of ['Event', '1abc', 'a-b', 'a"b', '', 'x'.repeat(49)]) {
      expect(() => assertSchemaName(bad)).toThrow(/Invalid event-store schema name/);
    }
  });
});
