import type { FinishTaskResult, TaskWorkspace } from '@orch/application';
import { attemptState, sessionState } from './attempt-records';
import { changesBetween } from './diff-stats';
import { writeJson } from './json-file';
import { mergeIntoBranch } from './merge-task';
import type { AttemptState, SessionLayout } from './session-layout';
import { exists, revParse } from './session-repository';
import { addWorktree, commitAll } from './task-worktree';
import { resultBranch, taskBranch } from './workspace-ids';

export interface AttemptInput {
  readonly layout: SessionLayout;
  readonly sessionId: string;
  readonly taskId: string;
  readonly attempt: number;
}

/** Opens (or finds) the attempt's worktree; a new attempt is cut from the result branch's head. */
export async function openAttempt(input: AttemptInput): Promise<TaskWorkspace> {
  const { layout, sessionId, taskId, attempt } = input;
  const { epoch } = await sessionState(layout);
  const existing = await attemptState(layout, epoch, taskId, attempt);
  if (existing !== undefined) {
    // Only a crash or a manual clean-up removes an open attempt's worktree: bring it back at
    // the task branch's head, which holds the attempt's checkpoints.
    if (existing.finished === undefined && !(await exists(existing.directory))) {
      const head = (await revParse(layout.repo, `refs/heads/${existing.branch}`)) ?? existing.baseCommit;
      await addWorktree(layout.repo, existing.directory, existing.branch, head);
    }
    return taskWorkspace(existing);
  }
  const baseCommit = await revParse(layout.repo, `refs/heads/${resultBranch(sessionId)}`);
  if (baseCommit === undefined) throw new Error(`the result branch of session ${sessionId} is missing`);
  const record: AttemptState = { epoch, taskId, attempt, directory: layout.worktree(epoch, taskId, attempt), branch: taskBranch(sessionId, taskId), baseCommit };
  await addWorktree(layout.repo, record.directory, record.branch, baseCommit);
  await writeJson(layout.attemptFile(epoch, taskId, attempt), record);
  return taskWorkspace(record);
}

/**
 * Commits the attempt's worktree and merges it into the result branch, once: the answer is kept
 * with the attempt and repeated to later calls. A crash between the merge and that record is
 * harmless too: the repeat commits nothing new and finds the task already merged.
 */
export async function finishAttempt(input: AttemptInput & { readonly message: string }): Promise<FinishTaskResult> {
  const { layout, sessionId, taskId, attempt } = input;
  const { epoch } = await sessionState(layout);
  const record = await attemptState(layout, epoch, taskId, attempt);
  if (record === undefined) throw new Error(`attempt ${attempt} of task ${taskId} was never opened`);
  if (record.finished !== undefined) return record.finished.result;
  const message = input.message.trim() || `Task ${taskId}, attempt ${attempt}`;
  const taskCommitSha = (await exists(record.directory))
    ? await commitAll(record.directory, message)
    : ((await revParse(layout.repo, `refs/heads/${record.branch}`)) ?? record.baseCommit);
  const changes = await changesBetween(layout.repo, record.baseCommit, taskCommitSha);
  const merge = await mergeIntoBranch(layout.repo, resultBranch(sessionId), taskCommitSha, `Merge task ${taskId} (attempt ${attempt})\n\n${message}`);
  const result: FinishTaskResult = merge.merged
    ? { merged: true, taskCommitSha, sessionHeadSha: merge.head, ...changes }
    : {
        merged: false,
        conflictFiles: merge.conflictFiles,
        message: `task ${taskId} conflicts with the result branch in ${merge.conflictFiles.join(', ')}`.slice(0, 2000),
      };
  await writeJson(layout.attemptFile(epoch, taskId, attempt), { ...record, finished: { taskCommitSha, result } });
  return result;
}

function taskWorkspace(record: AttemptState): TaskWorkspace {
  return { directory: record.directory, branch: record.branch, baseCommit: record.baseCommit };
}
