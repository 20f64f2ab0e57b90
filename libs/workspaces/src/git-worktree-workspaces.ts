import { rm } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { FinishTaskRequest, FinishTaskResult, PreparedWorkspace, TaskDiff, TaskWorkspace, TaskWorkspaceRequest, WorkspaceRequest, Workspaces } from '@orch/application';
import { attemptsOf, sessionState } from './attempt-records';
import { readJson } from './json-file';
import { changesBetween, patchBetween } from './diff-stats';
import { KeyedLock } from './keyed-lock';
import { prepareSession } from './prepare-session';
import { repositorySource } from './repository-source';
import { SessionLayout, type SessionState } from './session-layout';
import { exists, revParse } from './session-repository';
import { finishAttempt, openAttempt } from './task-attempts';
import { commitAll, listWorktrees, removeWorktree } from './task-worktree';
import { resultBranch, validAttempt, validCommit, validTaskId } from './workspace-ids';

export interface GitWorktreeWorkspacesOptions {
  /** Absolute directory holding every session's repository and worktrees (the app: `<ORCH_DATA_DIR>/workspaces`). */
  readonly root: string;
  /** How long a clone may take before the workspace counts as unavailable. Default 10 minutes. */
  readonly cloneTimeoutMs?: number;
}

type SessionRef = { readonly tenantId: string; readonly sessionId: string };

/**
 * The Workspaces port on git worktrees (DOMAIN.md §2.4): one bare repository of our own per
 * session, the result branch `orch/<sessionId>`, one worktree per task attempt on
 * `orch/<sessionId>/<taskId>`. Calls for one session run one at a time (a lock per session).
 */
export class GitWorktreeWorkspaces implements Workspaces {
  private readonly root: string;
  private readonly cloneTimeoutMs: number;
  private readonly lock = new KeyedLock();

  constructor(options: GitWorktreeWorkspacesOptions) {
    if (!isAbsolute(options.root)) throw new Error(`the workspaces root must be absolute, got ${options.root}`);
    this.root = resolve(options.root);
    this.cloneTimeoutMs = options.cloneTimeoutMs ?? 10 * 60_000;
  }

  async prepare(request: WorkspaceRequest): Promise<PreparedWorkspace> {
    const layout = this.layout(request);
    const source = repositorySource(request.repository);
    const restoreCommit = request.restoreCommit == null ? null : validCommit(request.restoreCommit, 'restoreCommit');
    return this.locked(layout, () => prepareSession({ layout, sessionId: request.sessionId, source, restoreCommit, cloneTimeoutMs: this.cloneTimeoutMs }));
  }

  async openTask(request: TaskWorkspaceRequest): Promise<TaskWorkspace> {
    const input = this.attemptInput(request);
    return this.locked(input.layout, () => openAttempt(input));
  }

  async finishTask(request: FinishTaskRequest): Promise<FinishTaskResult> {
    const input = { ...this.attemptInput(request), message: request.message };
    return this.locked(input.layout, () => finishAttempt(input));
  }

  /** Commits the open attempts' work in progress to their task branches; answers the result branch's head. */
  async checkpoint(request: SessionRef & { readonly message: string }): Promise<string> {
    const layout = this.layout(request);
    return this.locked(layout, async () => {
      const { epoch } = await sessionState(layout);
      const message = request.message.trim() || 'Checkpoint';
      for (const attempt of await attemptsOf(layout, epoch)) {
        if (attempt.finished === undefined && (await exists(attempt.directory))) await commitAll(attempt.directory, message);
      }
      const head = await revParse(layout.repo, `refs/heads/${resultBranch(request.sessionId)}`);
      if (head === undefined) throw new Error(`the result branch of session ${request.sessionId} is missing`);
      return head;
    });
  }

  /** The latest finished attempt's commit against its base, merged or conflicting; null when none finished. */
  async taskDiff(request: SessionRef & { readonly taskId: string }): Promise<TaskDiff | null> {
    const layout = this.layout(request);
    const taskId = validTaskId(request.taskId);
    const state = await readJson<SessionState>(layout.stateFile);
    for (let epoch = state?.epoch ?? 0; epoch >= 1; epoch -= 1) {
      const finished = (await attemptsOf(layout, epoch, taskId)).find((attempt) => attempt.finished !== undefined);
      if (finished?.finished === undefined) continue;
      const { baseCommit } = finished;
      const { taskCommitSha } = finished.finished;
      const [patch, changes] = await Promise.all([patchBetween(layout.repo, baseCommit, taskCommitSha), changesBetween(layout.repo, baseCommit, taskCommitSha)]);
      return { taskId, baseCommit, taskCommitSha, patch, ...changes };
    }
    return null;
  }

  /** Removes every worktree of the session; the repository and its branches stay. */
  async release(request: SessionRef): Promise<void> {
    const layout = this.layout(request);
    return this.locked(layout, async () => {
      if (!(await exists(layout.repo))) return;
      for (const worktree of await listWorktrees(layout.repo)) await removeWorktree(layout.repo, worktree.dir);
      await rm(layout.worktreesDir, { recursive: true, force: true });
    });
  }

  private layout(request: SessionRef): SessionLayout {
    return new SessionLayout(this.root, request.tenantId, request.sessionId);
  }

  private attemptInput(request: TaskWorkspaceRequest): { layout: SessionLayout; sessionId: string; taskId: string; attempt: number } {
    return { layout: this.layout(request), sessionId: request.sessionId, taskId: validTaskId(request.taskId), attempt: validAttempt(request.attempt) };
  }

  private locked<T>(layout: SessionLayout, work: () => Promise<T>): Promise<T> {
    return this.lock.run(layout.dir, work);
  }
}
