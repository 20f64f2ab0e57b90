export { GitWorktreeWorkspaces, type GitWorktreeWorkspacesOptions } from './git-worktree-workspaces';
export { GitError } from './git';
export { InvalidWorkspaceRequest } from './workspace-ids';
export { WorkspaceStateError } from './attempt-records';
