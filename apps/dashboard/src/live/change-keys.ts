import { agentKeys, contextKeys, metricKeys, parseRoom, sessionKeys, type ChangeMessage } from '@orch/contracts';

export interface CacheEffect {
  /** Query keys to invalidate (react-query prefix match). */
  readonly invalidate: readonly (readonly unknown[])[];
  /** Sessions whose timeline grew: the live layer appends the new entries instead of refetching 10,000. */
  readonly appendTimeline: readonly string[];
}

/**
 * What one change message means for the cache: the smallest set of keys that covers every read
 * model it names. Past replay states (`state?at=`) never change, so only `latest` is touched.
 */
export function cacheEffect(message: ChangeMessage): CacheEffect {
  const room = parseRoom(message.room);
  const invalidate: (readonly unknown[])[] = [];
  const appendTimeline: string[] = [];
  if (!room) return { invalidate, appendTimeline };
  if (room.kind === 'sessions') {
    invalidate.push(sessionKeys.lists(), metricKeys.all);
    return { invalidate, appendTimeline };
  }
  if (room.kind === 'agents') {
    invalidate.push(agentKeys.all);
    return { invalidate, appendTimeline };
  }
  if (room.kind !== 'session') return { invalidate, appendTimeline };
  const id = room.sessionId;
  const add = (key: readonly unknown[]) => {
    if (!invalidate.some((known) => JSON.stringify(known) === JSON.stringify(key))) invalidate.push(key);
  };
  for (const change of message.changes) {
    switch (change.entity) {
      case 'session':
        add([...sessionKeys.detail(id)]);
        add(sessionKeys.state(id));
        add(metricKeys.rollup('session', id));
        break;
      case 'task':
        add(sessionKeys.tasks(id));
        add([...sessionKeys.detail(id)]);
        add(sessionKeys.state(id));
        add([...sessionKeys.detail(id), 'diff', change.id.slice(change.id.indexOf('/') + 1)]);
        break;
      case 'checkpoint':
        add(sessionKeys.checkpoints(id));
        break;
      case 'output':
        add([...sessionKeys.detail(id), 'output']);
        break;
      case 'context':
        add(contextKeys.detail(change.id));
        break;
      case 'timeline':
        if (!appendTimeline.includes(id)) appendTimeline.push(id);
        break;
      case 'agent':
        add(agentKeys.detail(change.id));
        break;
    }
  }
  return { invalidate, appendTimeline };
}

/** The session detail key must not refresh its children (timeline, output): it is matched exactly. */
export function isExactKey(key: readonly unknown[]): boolean {
  return key.length === 3 && key[0] === 'sessions' && key[1] === 'detail';
}
