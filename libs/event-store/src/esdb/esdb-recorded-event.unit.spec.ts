import type { ResolvedEvent } from '@eventstore/db-client';
import type { EventToAppend } from '@orch/application';
import { toEventData, toRecordedEvent } from './esdb-recorded-event';

const metadata = { actor: 'user:7', tenantId: 'tenant-a', correlationId: 'corr-1', schemaVersion: 1 };

function resolved(overrides: Record<string, unknown> = {}): ResolvedEvent {
  const event = {
    streamId: 'session-1',
    id: '6f1c8a52-4d3b-4a3e-9a53-3f6f3f0e8d11',
    isJson: true,
    revision: 2n,
    type: 'SessionStarted',
    created: new Date('2026-03-04T05:06:07.089Z'),
    data: { sessionId: 's-1' },
    metadata,
    position: { commit: 5120n, prepare: 5120n },
    ...overrides,
  };
  return { event } as unknown as ResolvedEvent;
}

describe('recorded event mapping', () => {
  it('maps a JSON event with its revision, one global position and recordedAt from created', () => {
    expect(toRecordedEvent(resolved())).toEqual({
      id: '6f1c8a52-4d3b-4a3e-9a53-3f6f3f0e8d11',
      type: 'SessionStarted',
      data: { sessionId: 's-1' },
      metadata,
      streamName: 'session-1',
      revision: 2,
      position: 5120,
      recordedAt: '2026-03-04T05:06:07.089Z',
    });
  });

  it.each([
    ['system events', { type: '$metadata' }],
    ['binary events', { isJson: false, data: new Uint8Array([1]) }],
    ['events without JSON object metadata', { metadata: undefined }],
    ['JSON that is not an object', { data: ['a'] }],
  ])('skips %s', (_what, overrides) => {
    expect(toRecordedEvent(resolved(overrides))).toBeUndefined();
  });

  it('skips an unresolved link', () => {
    expect(toRecordedEvent({} as ResolvedEvent)).toBeUndefined();
  });

  it('fails clearly when the server sends no position (older than 22.6)', () => {
    expect(() => toRecordedEvent(resolved({ position: undefined }))).toThrow(/without a position/);
  });

  it('writes JSON data and metadata under the given id and type', () => {
    const event: EventToAppend = { id: '0b7f6f7c-3f55-4b9e-8a8e-8e7a2a1f0c01', type: 'TaskReady', data: { taskId: 't-1' }, metadata };
    expect(toEventData(event)).toEqual({
      id: event.id,
      contentType: 'application/json',
      type: 'TaskReady',
      data: { taskId: 't-1' },
      metadata,
    });
  });
});
