/**
 * Where a session's work happens (DESIGN.md §1, DOMAIN.md §2.4): a git repository per session with
 * the result branch `orch/<sessionId>`, and one worktree per task on `orch/<sessionId>.tasks/<taskId>`
 * (git cannot hold `orch/<sessionId>` and `orch/<sessionId>/<taskId>` at once: a ref is a file),
 * cut from the result branch's head when the task's attempt opens (so it holds the work of every
 * dependency). Implemented by the git-worktree adapter in libs/workspaces.
 *
 * Every method is idempotent, because the engine repeats steps after a crash.
 */
export interface PreparedWorkspace {
  /** The session's result branch, `orch/<sessionId>`. */
  readonly branch: string;
  /** The commit the branch starts from (40 or 64 lowercase hex). */
  readonly baseCommit: string;
}

export interface WorkspaceRequest {
  readonly tenantId: string;
  readonly sessionId: string;
  /** The session's repository settings (DOMAIN.md §2.1 `{ source, baseRef }`); absent: an empty scratch repository. */
  readonly repository?: unknown;
  /** After a retry: the commit to restart from (`SessionRetried.restoreCommit`); null or absent: `baseRef`. */
  readonly restoreCommit?: string | null;
}

export interface TaskWorkspaceRequest {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly taskId: string;
  readonly attempt: number;
}

export interface TaskWorkspace {
  /** Absolute path of the task's worktree; the agent works here. */
  readonly directory: string;
  /** `orch/<sessionId>.tasks/<taskId>`. */
  readonly branch: string;
  /** The result branch's head the worktree was cut from. */
  readonly baseCommit: string;
}

export interface DiffStats {
  readonly files: number;
  readonly insertions: number;
  readonly deletions: number;
}

export interface FinishTaskRequest extends TaskWorkspaceRequest {
  /** The commit message (the task's title and the agent's summary). */
  readonly message: string;
  /** Set when the agent committed its work itself (RunOutcome.commitSha). */
  readonly agentCommitSha?: string;
}

export type FinishTaskResult =
  | {
      readonly merged: true;
      /** The task branch's commit (equal to its base when the task changed nothing). */
      readonly taskCommitSha: string;
      /** The result branch's head after the merge: `TaskCompleted.commitSha` and the checkpoint's. */
      readonly sessionHeadSha: string;
      /** Paths the task changed, `/`-separated, sorted. */
      readonly changedFiles: readonly string[];
      readonly diffStats: DiffStats;
    }
  | {
      readonly merged: false;
      /** The files that conflict with the result branch; the task fails naming them. */
      readonly conflictFiles: readonly string[];
      readonly message: string;
    };

export interface TaskDiff {
  readonly taskId: string;
  readonly baseCommit: string;
  readonly taskCommitSha: string;
  /** Unified diff of the task's commit against its base. */
  readonly patch: string;
  readonly changedFiles: readonly string[];
  readonly diffStats: DiffStats;
}

export interface Workspaces {
  /** Prepares (or finds) the session's repository and result branch. */
  prepare(request: WorkspaceRequest): Promise<PreparedWorkspace>;
  /**
   * Opens the task attempt's worktree. A new attempt gets a fresh worktree cut from the result
   * branch's current head (what an earlier attempt left uncommitted is discarded).
   */
  openTask(request: TaskWorkspaceRequest): Promise<TaskWorkspace>;
  /**
   * Commits the worktree to the task branch and merges the task branch into the result branch.
   * Repeating it for the same attempt answers the first result.
   */
  finishTask(request: FinishTaskRequest): Promise<FinishTaskResult>;
  /** Commits everything in the session's task worktrees so far for a manual checkpoint; answers the result branch head. */
  checkpoint(request: { readonly tenantId: string; readonly sessionId: string; readonly message: string }): Promise<string>;
  /** The diff of the task's latest finished attempt, or null when it has none. */
  taskDiff(request: { readonly tenantId: string; readonly sessionId: string; readonly taskId: string }): Promise<TaskDiff | null>;
  /** Removes the session's worktrees (the repository and its branches stay, so diffs remain queryable). */
  release(request: { readonly tenantId: string; readonly sessionId: string }): Promise<void>;
}
