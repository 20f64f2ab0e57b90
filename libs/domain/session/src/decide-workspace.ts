import { DomainError } from '@orch/kernel';
import { requireReason, requireStatus } from './guards';
import type { RecordWorkspacePrepared } from './session.commands';
import type { SessionEvent } from './session.events';
import { ACTIVE_STATUSES } from './session-statuses';
import type { Session } from './session.state';
import { settle } from './settle';
import { commitSha, requiredText } from './validate-text';

/** RecordWorkspacePrepared (DOMAIN.md §2.3, §2.4): once per start; tasks with no unmet dependency become ready. */
export function decideWorkspacePrepared(command: RecordWorkspacePrepared, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, ACTIVE_STATUSES, command);
  if (session.workspaceReady) {
    throw new DomainError('SESSION.COMMAND_NOT_ALLOWED', 'The workspace of this start is already prepared', {
      status: session.status,
      command: command.type,
    });
  }
  const at = command.metadata.now;
  const branch = requiredText(command.data.branch, 'branch', 255);
  const baseCommit = commitSha(command.data.baseCommit, 'baseCommit');
  return settle(session, [{ type: 'SessionWorkspacePrepared', data: { branch, baseCommit, at } }], command.type, at);
}
