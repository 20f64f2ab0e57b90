import type { RecordedEvent } from '@orch/application';
import { changeEntryOf, gatingProjectorOf } from './event-changes';
import { toLiveEvent } from './live-events';

const SESSION = '0190a0b0-0000-7000-8000-000000000001';

function recorded(streamName: string, type: string, data: Record<string, unknown> = {}, tenantId: string | null = 'acme'): RecordedEvent {
  return {
    id: '0190a0b0-0000-7000-8000-00000000e001',
    type,
    data,
    metadata: { actor: 'user:k', ...(tenantId === null ? {} : { tenantId }), correlationId: 'c', schemaVersion: 1, hash: 'abc' } as RecordedEvent['metadata'],
    streamName,
    revision: 3,
    position: 42,
    recordedAt: '2026-11-30T10:00:00.000Z',
  };
}

describe('changeEntryOf', () => {
  it('given a task event of a session, then the list room gets the session and the session room its row, timeline and task', () => {
    const entry = changeEntryOf(recorded(`session-${SESSION}`, 'TaskReady', { taskId: 'build' }));
    expect(entry).toEqual({
      position: 42,
      tenantId: 'acme',
      rooms: [
        { room: 'sessions', changes: [{ entity: 'session', id: SESSION }] },
        {
          room: `session:${SESSION}`,
          changes: [
            { entity: 'session', id: SESSION },
            { entity: 'timeline', id: SESSION },
            { entity: 'task', id: `${SESSION}/build` },
          ],
        },
      ],
    });
  });

  it('given a plan, a retry and a checkpoint, then every named task and the checkpoint are changes', () => {
    const planned = changeEntryOf(recorded(`session-${SESSION}`, 'SessionPlanned', { tasks: [{ id: 'a' }, { id: 'b' }] }));
    const retried = changeEntryOf(recorded(`session-${SESSION}`, 'SessionRetried', { resetTaskIds: ['a'] }));
    const checkpoint = changeEntryOf(recorded(`session-${SESSION}`, 'CheckpointRecorded', {}));
    expect(planned?.rooms[1]?.changes.map((c) => c.id)).toEqual([SESSION, SESSION, `${SESSION}/a`, `${SESSION}/b`]);
    expect(retried?.rooms[1]?.changes).toContainEqual({ entity: 'task', id: `${SESSION}/a` });
    expect(checkpoint?.rooms[1]?.changes).toContainEqual({ entity: 'checkpoint', id: SESSION });
  });

  it('given task output, a context and an agent, then they go to the session room and the agents room', () => {
    expect(changeEntryOf(recorded(`sessionoutput-${SESSION}`, 'TaskProgressed', { taskId: 'build' }))?.rooms).toEqual([
      { room: `session:${SESSION}`, changes: [{ entity: 'output', id: `${SESSION}/build` }] },
    ]);
    expect(changeEntryOf(recorded(`context-${SESSION}`, 'ContextWritten'))?.rooms).toEqual([
      { room: `session:${SESSION}`, changes: [{ entity: 'context', id: SESSION }] },
    ]);
    expect(changeEntryOf(recorded('agent-7', 'AgentDrained'))?.rooms).toEqual([{ room: 'agents', changes: [{ entity: 'agent', id: '7' }] }]);
  });

  it('given keys, webhooks or an event without a tenant, then no change room hears of them', () => {
    expect(changeEntryOf(recorded('apikey-1', 'ApiKeyIssued'))).toBeUndefined();
    expect(changeEntryOf(recorded('webhook-1', 'WebhookRegistered'))).toBeUndefined();
    expect(changeEntryOf(recorded(`session-${SESSION}`, 'SessionStarted', {}, null))).toBeUndefined();
  });

  it('given each category, then the projector it waits for is the one that projects it', () => {
    expect(gatingProjectorOf(recorded(`session-${SESSION}`, 'SessionStarted'))).toBe('sessions');
    expect(gatingProjectorOf(recorded('agent-1', 'AgentDrained'))).toBe('agents');
    expect(gatingProjectorOf(recorded('context-1', 'ContextWritten'))).toBe('contexts');
    expect(gatingProjectorOf(recorded(`sessionoutput-${SESSION}`, 'TaskProgressed'))).toBeNull();
  });
});

describe('toLiveEvent', () => {
  it('given an issued key and an http agent, then hashes of secrets are left out and the tamper-evidence hash stays', () => {
    const key = toLiveEvent(recorded('apikey-1', 'ApiKeyIssued', { name: 'ci', keyHash: 'f00', prefix: 'orch_01' }));
    const agent = toLiveEvent(recorded('agent-1', 'AgentRegistered', { runtime: { kind: 'http', config: { url: 'https://a', tokenHash: 'bad' } } }));
    expect(key.data).toEqual({ name: 'ci', prefix: 'orch_01' });
    expect(agent.data).toEqual({ runtime: { kind: 'http', config: { url: 'https://a' } } });
    expect(key).toMatchObject({ stream: 'apikey-1', category: 'apikey', revision: 3, position: 42, metadata: { hash: 'abc', tenantId: 'acme' } });
  });
});
