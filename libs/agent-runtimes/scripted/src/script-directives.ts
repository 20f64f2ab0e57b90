/**
 * What a scripted agent is told to do. Each name works both as the agent's `scenario` (DOMAIN.md
 * §4.2, applies to every task it runs) and as a directive in the task's instructions:
 * `[script:<name>]` for every task that reads it, `[script:<name>@<taskId>]` for one task only.
 */
export const SCRIPT_DIRECTIVES = ['default', 'fail', 'flaky', 'hang', 'ask-permission', 'slow'] as const;
export type ScriptDirective = (typeof SCRIPT_DIRECTIVES)[number];

export interface ScriptFlags {
  /** Reports failure after reading the task (`TASK.AGENT_ERROR`, retryable). */
  readonly fail: boolean;
  /** Fails like `fail` on attempt 1 only, then completes: the engine's retry shows. */
  readonly flaky: boolean;
  /** Stops progressing after reading the task; only abort or `maxDurationMs` ends it. */
  readonly hang: boolean;
  /** Asks permission before writing its source file; a denial fails the run (`TASK.PERMISSION_DENIED`). */
  readonly askPermission: boolean;
  /** Every step takes `slowFactor` times longer. */
  readonly slow: boolean;
}

export type ScriptChoice = { readonly ok: true; readonly flags: ScriptFlags } | { readonly ok: false; readonly message: string };

const DIRECTIVE = /\[script:([^\]@\s]+)(?:@([^\]\s]+))?\]/gi;

/** The agent's scenario plus the directives in `instructions` that apply to `taskId`; unknown names are refused. */
export function chooseScript(scenario: string, instructions: string, taskId: string): ScriptChoice {
  const names = [scenario];
  for (const match of instructions.matchAll(DIRECTIVE)) {
    const [, name = '', target] = match;
    if (target === undefined || target === taskId) names.push(name.toLowerCase());
  }
  const unknown = names.find((name) => !isDirective(name));
  if (unknown !== undefined) {
    return { ok: false, message: `unknown script "${unknown}"; the scripted agents know ${SCRIPT_DIRECTIVES.join(', ')}` };
  }
  const has = (name: ScriptDirective): boolean => names.includes(name);
  return {
    ok: true,
    flags: { fail: has('fail'), flaky: has('flaky'), hang: has('hang'), askPermission: has('ask-permission'), slow: has('slow') },
  };
}

function isDirective(name: string): name is ScriptDirective {
  return (SCRIPT_DIRECTIVES as readonly string[]).includes(name);
}
