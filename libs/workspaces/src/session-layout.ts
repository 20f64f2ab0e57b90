import { join } from 'node:path';
import type { FinishTaskResult } from '@orch/application';
import { validSessionId, validTenantId } from './workspace-ids';

/**
 * Where one session's workspace lives under the root:
 *
 *   <root>/<tenantId>/<sessionId>/repo.git                 bare repository of our own (clone or scratch)
 *   <root>/<tenantId>/<sessionId>/session.json             which run ("epoch") the workspace is in
 *   <root>/<tenantId>/<sessionId>/attempts/<epoch>/<taskId>/<attempt>.json
 *   <root>/<tenantId>/<sessionId>/worktrees/run<epoch>/<taskId>-<attempt>
 *
 * An epoch is one start of the session: a retry resets task attempts to 1, so attempt numbers
 * are only unique within one.
 */
export class SessionLayout {
  readonly dir: string;

  constructor(root: string, tenantId: string, sessionId: string) {
    this.dir = join(root, validTenantId(tenantId), validSessionId(sessionId));
  }

  get repo(): string {
    return join(this.dir, 'repo.git');
  }

  get stateFile(): string {
    return join(this.dir, 'session.json');
  }

  get worktreesDir(): string {
    return join(this.dir, 'worktrees');
  }

  attemptsDir(epoch: number): string {
    return join(this.dir, 'attempts', String(epoch));
  }

  taskAttemptsDir(epoch: number, taskId: string): string {
    return join(this.attemptsDir(epoch), taskId);
  }

  attemptFile(epoch: number, taskId: string, attempt: number): string {
    return join(this.taskAttemptsDir(epoch, taskId), `${attempt}.json`);
  }

  worktree(epoch: number, taskId: string, attempt: number): string {
    return join(this.worktreesDir, `run${epoch}`, `${taskId}-${attempt}`);
  }
}

export interface SessionState {
  readonly epoch: number;
  readonly restoreCommit: string | null;
  readonly branch: string;
  readonly baseCommit: string;
}

export interface AttemptState {
  readonly epoch: number;
  readonly taskId: string;
  readonly attempt: number;
  readonly directory: string;
  readonly branch: string;
  readonly baseCommit: string;
  readonly finished?: { readonly taskCommitSha: string; readonly result: FinishTaskResult };
}
