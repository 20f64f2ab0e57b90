import { agentKeys, contextKeys, metricKeys, sessionKeys } from '@orch/contracts';
import { describe, expect, it } from 'vitest';
import { cacheEffect, isExactKey } from './change-keys';

const SESSION = '0190a0b0-0000-7000-8000-000000000001';

describe('cache effects of live changes', () => {
  it('given a change in the sessions room, then the lists and the metrics are invalidated', () => {
    expect(cacheEffect({ room: 'sessions', position: 5, changes: [{ entity: 'session', id: SESSION }] })).toEqual({ invalidate: [sessionKeys.lists(), metricKeys.all], appendTimeline: [] });
  });

  it('given a change in the agents room, then every agent query is invalidated', () => {
    expect(cacheEffect({ room: 'agents', position: 5, changes: [{ entity: 'agent', id: 'a' }] }).invalidate).toEqual([agentKeys.all]);
  });

  it("given a session room change of a task and the timeline, then the tasks, the detail, the latest state and that task's diff are invalidated and the timeline is appended", () => {
    const effect = cacheEffect({
      room: `session:${SESSION}`,
      position: 9,
      changes: [
        { entity: 'task', id: `${SESSION}/build` },
        { entity: 'timeline', id: SESSION },
        { entity: 'context', id: SESSION },
      ],
    });
    expect(effect.invalidate).toEqual([
      sessionKeys.tasks(SESSION),
      sessionKeys.detail(SESSION),
      sessionKeys.state(SESSION),
      sessionKeys.diff(SESSION, 'build'),
      contextKeys.detail(SESSION),
    ]);
    expect(effect.appendTimeline).toEqual([SESSION]);
  });

  it('given a past replay state, then no change ever invalidates it', () => {
    const effect = cacheEffect({ room: `session:${SESSION}`, position: 9, changes: [{ entity: 'session', id: SESSION }] });
    expect(effect.invalidate).not.toContainEqual(sessionKeys.state(SESSION, 3));
  });

  it("given the session detail key, then it is matched exactly (its children, like a 10,000-event timeline, are not refetched)", () => {
    expect(isExactKey(sessionKeys.detail(SESSION))).toBe(true);
    expect(isExactKey(sessionKeys.tasks(SESSION))).toBe(false);
  });

  it('given a malformed room, then nothing happens', () => {
    expect(cacheEffect({ room: 'session:../x' as never, position: 1, changes: [] })).toEqual({ invalidate: [], appendTimeline: [] });
  });
});
