import { readdir } from 'node:fs/promises';
import { readJson } from './json-file';
import type { AttemptState, SessionLayout, SessionState } from './session-layout';

export class WorkspaceStateError extends Error {}

export async function sessionState(layout: SessionLayout): Promise<SessionState> {
  const state = await readJson<SessionState>(layout.stateFile);
  if (state === undefined) throw new WorkspaceStateError(`the workspace of session ${layout.dir} was never prepared`);
  return state;
}

export async function attemptState(layout: SessionLayout, epoch: number, taskId: string, attempt: number): Promise<AttemptState | undefined> {
  return readJson<AttemptState>(layout.attemptFile(epoch, taskId, attempt));
}

/** Every attempt recorded in one epoch (optionally of one task), latest attempt first. */
export async function attemptsOf(layout: SessionLayout, epoch: number, taskId?: string): Promise<AttemptState[]> {
  const taskIds = taskId === undefined ? await entries(layout.attemptsDir(epoch)) : [taskId];
  const attempts: AttemptState[] = [];
  for (const id of taskIds) {
    for (const file of await entries(layout.taskAttemptsDir(epoch, id))) {
      const attempt = /^(\d+)\.json$/.exec(file)?.[1];
      const state = attempt === undefined ? undefined : await attemptState(layout, epoch, id, Number(attempt));
      if (state !== undefined) attempts.push(state);
    }
  }
  return attempts.sort((a, b) => b.attempt - a.attempt);
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
