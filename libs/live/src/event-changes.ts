import type { RecordedEvent } from '@orch/application';
import { sessionRoom, streamCategory, type ChangeRoom, type EntityRef } from '@orch/contracts';

export interface RoomChanges {
  readonly room: ChangeRoom;
  readonly changes: readonly EntityRef[];
}

/** What one event changes, per change room of its tenant (see ChangeRoom in @orch/contracts). */
export interface ChangeEntry {
  readonly position: number;
  readonly tenantId: string;
  readonly rooms: readonly RoomChanges[];
}

/** Read-model projectors (libs/read-models names) that must commit an event before its changes go out. */
export type GatingProjector = 'sessions' | 'agents' | 'contexts';

const MAX_TASK_REFS = 500;

/**
 * The change rooms' messages are a pure function of the log: live and catch-up both derive them
 * from the same events, which is what makes "subscribe at position P" exact.
 */
export function changeEntryOf(event: RecordedEvent): ChangeEntry | undefined {
  const tenantId = event.metadata.tenantId;
  if (typeof tenantId !== 'string') return undefined;
  const rooms = roomChangesOf(event);
  return rooms.length === 0 ? undefined : { position: event.position, tenantId, rooms };
}

/** The projector whose commit a change of this event waits for; null: none (no read model). */
export function gatingProjectorOf(event: RecordedEvent): GatingProjector | null {
  switch (streamCategory(event.streamName)) {
    case 'session':
      return 'sessions';
    case 'agent':
      return 'agents';
    case 'context':
      return 'contexts';
    default:
      return null;
  }
}

function roomChangesOf(event: RecordedEvent): RoomChanges[] {
  const id = streamIdOf(event.streamName);
  switch (streamCategory(event.streamName)) {
    case 'session':
      return [
        { room: 'sessions', changes: [{ entity: 'session', id }] },
        { room: sessionRoom(id), changes: sessionChanges(id, event) },
      ];
    case 'sessionoutput': {
      const taskId = event.data['taskId'];
      return [{ room: sessionRoom(id), changes: [{ entity: 'output', id: typeof taskId === 'string' ? `${id}/${taskId}` : id }] }];
    }
    // A session's primary context has the session's id (DOMAIN.md §1).
    case 'context':
      return [{ room: sessionRoom(id), changes: [{ entity: 'context', id }] }];
    case 'agent':
      return [{ room: 'agents', changes: [{ entity: 'agent', id }] }];
    default:
      return [];
  }
}

function sessionChanges(sessionId: string, event: RecordedEvent): EntityRef[] {
  const tasks = taskIdsOf(event.data).map((taskId): EntityRef => ({ entity: 'task', id: `${sessionId}/${taskId}` }));
  const checkpoint: EntityRef[] = event.type === 'CheckpointRecorded' ? [{ entity: 'checkpoint', id: sessionId }] : [];
  return [{ entity: 'session', id: sessionId }, { entity: 'timeline', id: sessionId }, ...tasks, ...checkpoint];
}

/** Task ids an event names: `taskId`, `taskIds`, `resetTaskIds`, a plan's `tasks[].id`. */
function taskIdsOf(data: Readonly<Record<string, unknown>>): string[] {
  const ids = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && ids.size < MAX_TASK_REFS) ids.add(value);
  };
  add(data['taskId']);
  for (const key of ['taskIds', 'resetTaskIds']) {
    const list = data[key];
    if (Array.isArray(list)) list.forEach(add);
  }
  const tasks = data['tasks'];
  if (Array.isArray(tasks)) for (const task of tasks) add((task as { id?: unknown } | null)?.id);
  return [...ids];
}

function streamIdOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash < 0 ? '' : stream.slice(dash + 1);
}
