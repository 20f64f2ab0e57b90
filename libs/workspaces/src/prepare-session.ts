import type { PreparedWorkspace } from '@orch/application';
import { attemptsOf } from './attempt-records';
import { readJson, writeJson } from './json-file';
import type { RepositorySource } from './repository-source';
import type { SessionLayout, SessionState } from './session-layout';
import { ensureRepository, resolveCommit, setBranch } from './session-repository';
import { listWorktrees, removeWorktree } from './task-worktree';
import { resultBranch } from './workspace-ids';

export interface PrepareInput {
  readonly layout: SessionLayout;
  readonly sessionId: string;
  readonly source: RepositorySource | undefined;
  readonly restoreCommit: string | null;
  readonly cloneTimeoutMs: number;
}

/**
 * Prepares one start of the session (an "epoch"). The engine prepares once per start, so a call
 * that finds the current epoch with the same restore point and no task opened yet is a repeat
 * after a crash and answers as before. Anything else is a new start (a retry): the result branch
 * is reset to the restore commit (else `baseRef`), the previous start's worktrees are removed,
 * and attempt numbers, which a retry resets to 1, start a fresh record.
 */
export async function prepareSession(input: PrepareInput): Promise<PreparedWorkspace> {
  const { layout, source, restoreCommit } = input;
  const branch = resultBranch(input.sessionId);
  await ensureRepository(layout.repo, source, input.cloneTimeoutMs);
  const state = await readJson<SessionState>(layout.stateFile);
  if (state !== undefined && state.restoreCommit === restoreCommit && (await attemptsOf(layout, state.epoch)).length === 0) {
    await setBranch(layout.repo, branch, state.baseCommit);
    return { branch, baseCommit: state.baseCommit };
  }
  const fetchable = source !== undefined;
  const baseCommit = await resolveCommit(layout.repo, restoreCommit ?? source?.baseRef ?? 'HEAD', fetchable);
  if (state !== undefined) {
    for (const worktree of await listWorktrees(layout.repo)) await removeWorktree(layout.repo, worktree.dir);
  }
  await setBranch(layout.repo, branch, baseCommit);
  const next: SessionState = { epoch: (state?.epoch ?? 0) + 1, restoreCommit, branch, baseCommit };
  await writeJson(layout.stateFile, next);
  return { branch, baseCommit };
}
