import { fromMicros, toMicros } from '@orch/kernel';

type Data = Readonly<Record<string, unknown>>;
type Summarize = (d: Data) => string;

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const usd = (value: unknown): string => `$${fromMicros(toMicros(Number(value))).toFixed(2)}`;
const task = (d: Data): string => `Task ${text(d['taskId'])}`;
const by = (d: Data): string => (d['agentId'] ? ` by ${text(d['agentId'])}` : '');

/** One human line per session event for the timeline; wording is display only, never parsed. */
const SUMMARIES: Readonly<Record<string, Summarize>> = {
  SessionCreated: (d) => `Session created: ${text(d['title'])}`,
  SessionPlanned: (d) => `Planned ${count(d['tasks'])} tasks (${text(d['source'])}${d['template'] ? ` ${text(d['template'])}` : ''}, v${text(d['planVersion'])})`,
  SessionPlanExtended: (d) => `Plan extended with ${count(d['tasks'])} tasks by ${text(d['byTaskId'])}`,
  SessionQueued: (d) => `Queued (${text(d['cause'])})`,
  SessionStarted: (d) => `Started, deadline ${text(d['deadlineAt'])}`,
  SessionWorkspacePrepared: (d) => `Workspace ${text(d['branch'])} at ${text(d['baseCommit']).slice(0, 12)}`,
  SessionPaused: (d) => `Paused (${text(d['cause'])})`,
  SessionResumed: () => 'Resumed',
  SessionDegraded: (d) => `Degraded: ${list(d['taskIds'])}`,
  SessionRecovered: () => 'Recovered',
  SessionCompleted: (d) => `Completed (${text(d['completed'])} tasks)`,
  SessionPartiallyCompleted: (d) =>
    `Partially completed: ${text(d['completed'])} completed, ${text(d['failed'])} failed, ${text(d['skipped'])} skipped${d['forced'] ? ' (forced)' : ''}`,
  SessionFailed: (d) => `Failed: ${text(d['code'])} ${text(d['message'])}`.trim(),
  SessionTimedOut: () => 'Timed out',
  SessionStopped: () => 'Stopped',
  SessionCancelled: () => 'Cancelled',
  SessionOrphaned: (d) => `Orphaned (${text(d['cause'])})`,
  SessionRetried: (d) => `Retry ${text(d['retryCount'])}, ${count(d['resetTaskIds'])} tasks reset`,
  SessionBudgetChanged: (d) => (d['budgetUsd'] === null ? 'Budget removed' : `Budget set to ${usd(d['budgetUsd'])}`),
  SessionBudgetWarningRaised: (d) => `Budget ${text(d['thresholdPct'])}% used: ${usd(d['spentUsd'])} of ${usd(d['budgetUsd'])}`,
  PromptInjected: (d) => `Prompt injected${count(d['targets']) ? ` for ${list(d['targets'])}` : ''}`,
  PromptDelivered: (d) => `Prompt delivered to ${text(d['taskId'])}`,
  CheckpointRecorded: (d) => `Checkpoint ${text(d['sequence'])} (${text(d['trigger'])}) at ${text(d['commitSha']).slice(0, 12)}`,
  TaskReady: (d) => `${task(d)} ready`,
  TaskRouted: (d) => `${task(d)} routed to ${text(d['agentId'])} (score ${text(d['score'])})`,
  TaskRoutingDeferred: (d) => `${task(d)} routing deferred (${text(d['cause'])})`,
  TaskAssigned: (d) => `${task(d)} assigned to ${text(d['agentId'])}, attempt ${text(d['attempt'])}`,
  TaskStarted: (d) => `${task(d)} started${by(d)}, attempt ${text(d['attempt'])}`,
  TaskUsageRecorded: (d) => `${task(d)} used ${text(d['tokensIn'])}+${text(d['tokensOut'])} tokens, ${usd(d['costUsd'])}`,
  TaskCompleted: (d) => `${task(d)} completed${by(d)}`,
  TaskFailed: (d) => `${task(d)} failed: ${text(d['code'])}${d['retryAt'] ? `, retry at ${text(d['retryAt'])}` : ''}`,
  TaskInterrupted: (d) => `${task(d)} interrupted (${text(d['cause'])})`,
  TaskReattached: (d) => `${task(d)} reattached${by(d)}`,
  TaskRequeued: (d) => `${task(d)} requeued`,
  TaskRetried: (d) => `${task(d)} retried${d['resetAttempts'] ? ' (attempts reset)' : ''}`,
  TaskReassigned: (d) => `${task(d)} reassigned${d['pinnedAgentId'] ? ` to ${text(d['pinnedAgentId'])}` : ''}`,
  TaskSkipped: (d) => `${task(d)} skipped (${text(d['cause'])})`,
  TaskCancelled: (d) => `${task(d)} cancelled (${text(d['cause'])})`,
};

export function summarize(type: string, data: Data): string {
  return (SUMMARIES[type] ?? (() => type))(data).slice(0, 500);
}

function count(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function list(value: unknown): string {
  return Array.isArray(value) ? value.map(text).join(', ') : '';
}
