import { EVENT_TYPE, STREAM_NAME } from '@eventstore/db-client';
import type { RecordedEvent } from '@orch/application';
import { isSystemEventType, matchesFilter, toServerFilter } from './esdb-filter';

const event = (streamName: string, type: string, tenantId: string): RecordedEvent => ({
  id: '00000000-0000-4000-8000-000000000001',
  type,
  data: {},
  metadata: { actor: 'user:1', tenantId, correlationId: 'c-1', schemaVersion: 1 },
  streamName,
  revision: 0,
  position: 10,
  recordedAt: '2026-01-01T00:00:00.000Z',
});

describe('server-side filter', () => {
  it('filters on stream prefixes when given (they win over event types: the server takes one)', () => {
    const filter = toServerFilter({ streamPrefixes: ['session-', 'agent-'], eventTypePrefixes: ['Session'] });
    expect(filter).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['session-', 'agent-'] });
  });

  it('filters on event type prefixes otherwise', () => {
    expect(toServerFilter({ eventTypePrefixes: ['Task'] })).toMatchObject({ filterOn: EVENT_TYPE, prefixes: ['Task'] });
  });

  it('excludes system event types when nothing else is asked, empty lists included', () => {
    for (const filter of [undefined, {}, { streamPrefixes: [], eventTypePrefixes: [] }, { tenantId: 't-1' }]) {
      expect(toServerFilter(filter)).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
    }
  });
});

describe('client-side filter', () => {
  const sessionStarted = event('session-1', 'SessionStarted', 'tenant-a');

  it('matches everything without a filter', () => {
    expect(matchesFilter(sessionStarted, undefined)).toBe(true);
    expect(matchesFilter(sessionStarted, {})).toBe(true);
  });

  it('applies stream and type prefixes together (AND across fields, OR within one)', () => {
    expect(matchesFilter(sessionStarted, { streamPrefixes: ['agent-', 'session-'], eventTypePrefixes: ['Session'] })).toBe(true);
    expect(matchesFilter(sessionStarted, { streamPrefixes: ['session-'], eventTypePrefixes: ['Task'] })).toBe(false);
    expect(matchesFilter(sessionStarted, { streamPrefixes: ['agent-'] })).toBe(false);
  });

  it('filters the tenant from event metadata, which the server cannot see', () => {
    expect(matchesFilter(sessionStarted, { tenantId: 'tenant-a' })).toBe(true);
    expect(matchesFilter(sessionStarted, { tenantId: 'tenant-b' })).toBe(false);
  });

  it('knows system event types by their $ prefix', () => {
    expect(['$metadata', '$streamDeleted', '$>'].every(isSystemEventType)).toBe(true);
    expect(isSystemEventType('SessionStarted')).toBe(false);
  });
});
