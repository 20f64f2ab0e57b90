/** Where a session's work happens (DESIGN.md §1): a git worktree on its own branch, one per session. */
export interface PreparedWorkspace {
  readonly branch: string;
  /** The 40-hex commit the branch starts from. */
  readonly baseCommit: string;
}

export interface WorkspaceRequest {
  readonly tenantId: string;
  readonly sessionId: string;
  /** The session's repository settings (DOMAIN.md §2.1), when it has any. */
  readonly repository?: unknown;
}

/** Prepares session workspaces; implemented by the git-worktree adapter (and a plain one for tests). */
export interface Workspaces {
  /** Idempotent per session: preparing twice returns the same branch and base commit. */
  prepare(request: WorkspaceRequest): Promise<PreparedWorkspace>;
  /** The directory a task's run works in, inside the session's workspace. */
  taskDirectory(sessionId: string, taskId: string): string;
}
