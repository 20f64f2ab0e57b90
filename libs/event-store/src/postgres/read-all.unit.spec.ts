import { filterSql } from './read-all';
import { toSafeNumber } from './row-mapping';
import { assertSchemaName } from './schema-name';

describe('filterSql', () => {
  it('adds nothing without a filter, or with empty lists', () => {
    const params: unknown[] = [];
    expect(filterSql({}, params)).toBe('');
    expect(filterSql({ streamPrefixes: [], eventTypePrefixes: [] }, params)).toBe('');
    expect(params).toEqual([]);
  });

  it('ANDs the fields, ORs each list, and binds every value as a parameter', () => {
    const params: unknown[] = [-1, 100];
    const sql = filterSql(
      { streamPrefixes: ['session-', 'agent_%'], eventTypePrefixes: ['Session'], tenantId: "t'1" },
      params,
    );
    expect(params).toEqual([-1, 100, ['session-', 'agent_%'], ['Session'], "t'1"]);
    expect(sql).toBe(
      'AND EXISTS (SELECT 1 FROM unnest($3::text[]) p WHERE starts_with(ev.stream_name, p)) ' +
        'AND EXISTS (SELECT 1 FROM unnest($4::text[]) p WHERE starts_with(ev.type, p)) ' +
        'AND ev.tenant_id = $5',
    );
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
