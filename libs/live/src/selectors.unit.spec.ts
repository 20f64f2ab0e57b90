import type { LiveEvent } from '@orch/contracts';
import type { ChangeEntry } from './event-changes';
import { changeRoomSelector, eventSelector, roomMessage } from './selectors';

const SESSION = '0190a0b0-0000-7000-8000-000000000001';

function entry(stream: string, type: string) {
  const event = { stream, category: stream.split('-')[0], type } as LiveEvent;
  return { position: 1, tenantId: 't', event };
}

describe('eventSelector', () => {
  it('given streams and categories, then either selects a stream, and types narrow by prefix', () => {
    const selector = eventSelector({ streams: [`session-${SESSION}`], categories: ['agent'], types: ['Session', 'Agent'] });
    expect(selector.filter).toEqual({ streamPrefixes: [`session-${SESSION}`, 'agent-'], eventTypePrefixes: ['Session', 'Agent'] });
    expect(selector.match(entry(`session-${SESSION}`, 'SessionStarted'))).toBe(true);
    expect(selector.match(entry('agent-1', 'AgentDrained'))).toBe(true);
    expect(selector.match(entry('agent-1', 'TaskReady'))).toBe(false);
    expect(selector.match(entry(`session-${SESSION}0`, 'SessionStarted'))).toBe(false);
    expect(selector.match(entry('context-1', 'ContextCreated'))).toBe(false);
  });

  it('given no selection, then everything matches and the store is not filtered', () => {
    const selector = eventSelector({});
    expect(selector.filter).toEqual({});
    expect(selector.match(entry('apikey-1', 'ApiKeyIssued'))).toBe(true);
  });
});

describe('changeRoomSelector', () => {
  const change: ChangeEntry = {
    position: 7,
    tenantId: 't',
    rooms: [
      { room: 'sessions', changes: [{ entity: 'session', id: SESSION }] },
      { room: `session:${SESSION}`, changes: [{ entity: 'task', id: `${SESSION}/a` }] },
    ],
  };

  it('given a session room, then the store reads its streams only and the message carries that room\'s changes', () => {
    const selector = changeRoomSelector(`session:${SESSION}`);
    expect(selector.filter.streamPrefixes).toEqual([`session-${SESSION}`, `sessionoutput-${SESSION}`, `context-${SESSION}`]);
    expect(selector.match(change)).toBe(true);
    expect(changeRoomSelector('agents').match(change)).toBe(false);
    expect(roomMessage(change, `session:${SESSION}`)).toEqual({ room: `session:${SESSION}`, position: 7, changes: [{ entity: 'task', id: `${SESSION}/a` }] });
  });
});
