/**
 * How the engine answers an agent's permission request before an operator has to (DESIGN.md §6
 * permissions): rules matched in order on the session's repository, the task's capabilities and
 * the tool asking; the first match answers, `ask` leaves it to an operator. No rule: `ask`.
 */
export interface PermissionRule {
  /** Matches when the session's repository source starts with this; absent: any repository. */
  readonly repository?: string;
  /** Matches when the task needs this capability; absent: any task. */
  readonly capability?: string;
  /** Matches this tool (`write`, `bash`, `external_directory`, …); absent or `*`: any tool. */
  readonly tool?: string;
  readonly answer: 'allow' | 'deny' | 'ask';
}

export interface PermissionPolicy {
  readonly rules: readonly PermissionRule[];
}

export interface PermissionQuestion {
  readonly repository: string | null;
  readonly capabilities: readonly string[];
  readonly tool: string;
}

export type PolicyAnswer = { readonly answer: 'allow' | 'deny'; readonly rule: number } | { readonly answer: 'ask' };

export function answerByPolicy(policy: PermissionPolicy, question: PermissionQuestion): PolicyAnswer {
  const index = policy.rules.findIndex((rule) => matches(rule, question));
  const rule = policy.rules[index];
  if (rule === undefined || rule.answer === 'ask') return { answer: 'ask' };
  return { answer: rule.answer, rule: index };
}

function matches(rule: PermissionRule, question: PermissionQuestion): boolean {
  if (rule.repository !== undefined && !(question.repository ?? '').startsWith(rule.repository)) return false;
  if (rule.capability !== undefined && !question.capabilities.includes(rule.capability)) return false;
  return rule.tool === undefined || rule.tool === '*' || rule.tool === question.tool;
}

/** Operators decide everything. */
export const ASK_OPERATOR: PermissionPolicy = { rules: [] };
