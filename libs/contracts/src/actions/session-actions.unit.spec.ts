import { NON_TERMINAL_STATUSES, SESSION_STATUSES, SESSION_TRANSITION_RULES, TASK_STATUSES, type SessionStatus } from '@orch/domain-session';
import {
  SESSION_ACTION_RULES,
  SESSION_STATUS_LIST,
  sessionActionAvailability,
  sessionActions,
  taskActionAvailability,
  type OperatorSessionAction,
  type SessionFacts,
} from './session-actions';

const facts = (status: SessionStatus, overrides: Partial<SessionFacts> = {}): SessionFacts => ({ status, retryCount: 0, completedTasks: 1, spentUsd: 0, budgetUsd: null, ...overrides });

describe('operator action table (DOMAIN.md §2.3, §3.4)', () => {
  it("given the domain's transition rules, then each transition action is allowed from exactly the statuses a rule moves its command from", () => {
    for (const [action, rule] of Object.entries(SESSION_ACTION_RULES)) {
      if (action === 'inject-prompt') continue;
      // RetrySession "continues as StartSession from pending" (queued, running): a user retries from failed or timeout.
      const continuation = (r: (typeof SESSION_TRANSITION_RULES)[number]) => rule.command === 'RetrySession' && r.to !== 'pending';
      const fromDomain = new Set(SESSION_TRANSITION_RULES.filter((r) => r.by !== 'rule' && r.by.includes(rule.command as never) && !continuation(r)).flatMap((r) => r.from));
      expect({ action, from: [...new Set(rule.from)].sort() }).toEqual({ action, from: [...fromDomain].sort() });
    }
  });

  it('given inject prompt, then it is allowed in every non-terminal status of the domain and no other', () => {
    expect([...SESSION_ACTION_RULES['inject-prompt'].from].sort()).toEqual([...NON_TERMINAL_STATUSES].sort());
  });

  it('given the status list, then it is the twelve statuses of the domain in order', () => {
    expect(SESSION_STATUS_LIST).toEqual(SESSION_STATUSES);
    expect(SESSION_STATUS_LIST).toHaveLength(12);
  });

  it('given a running session, when pause and resume are asked, then pause is allowed and resume disabled with the statuses it needs', () => {
    expect(sessionActionAvailability('pause', facts('running'))).toMatchObject({ allowed: true, reason: null });
    expect(sessionActionAvailability('resume', facts('running'))).toEqual({
      action: 'resume',
      allowed: false,
      reason: 'not allowed while running (only from paused)',
      effect: SESSION_ACTION_RULES.resume.effect,
    });
  });

  it('given the guards, then retry at the limit, force-complete with nothing completed and resume over budget are disabled with their reason', () => {
    expect(sessionActionAvailability('retry', facts('failed', { retryCount: 3 })).reason).toBe('retry limit reached (3 of 3)');
    expect(sessionActionAvailability('retry', facts('failed', { retryCount: 2 })).allowed).toBe(true);
    expect(sessionActionAvailability('force-complete', facts('running', { completedTasks: 0 })).reason).toBe('no task has completed yet');
    expect(sessionActionAvailability('resume', facts('paused', { spentUsd: 5, budgetUsd: 5 })).reason).toMatch(/budget exhausted/);
    expect(sessionActionAvailability('resume', facts('paused', { spentUsd: 4.99, budgetUsd: 5 })).allowed).toBe(true);
  });

  it('given a final session, then every action is disabled', () => {
    for (const status of ['completed', 'partially_completed', 'stopped', 'cancelled', 'orphaned'] as const) {
      expect(sessionActions(facts(status)).filter((a) => a.allowed).map((a) => a.action)).toEqual([] as OperatorSessionAction[]);
    }
  });

  it('given task actions, then they need an operator session status and the task statuses of §3.4', () => {
    expect(taskActionAvailability('retry', 'running', 'failed').allowed).toBe(true);
    expect(taskActionAvailability('retry', 'running', 'completed').reason).toBe('not allowed while the task is completed (only from failed)');
    expect(taskActionAvailability('skip', 'pending', 'pending').reason).toMatch(/^the session is pending/);
    expect(taskActionAvailability('reassign', 'paused', 'pending').allowed).toBe(false);
    expect(taskActionAvailability('reassign', 'paused', 'interrupted').allowed).toBe(true);
    for (const status of TASK_STATUSES) expect(typeof taskActionAvailability('skip', 'degraded', status).allowed).toBe('boolean');
  });
});
