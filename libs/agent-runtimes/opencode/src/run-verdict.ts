import type { AssistantMessage, Part, SessionSnapshot } from './opencode-types';
import { clip, type Ending } from './run-events';

/**
 * Where the session stands: still `working` (busy, retrying, waiting for a permission answer);
 * `stalled` (idle, yet its last turn never finished: the server restarted or dropped it);
 * `completed` with the final text as summary; or `failed`.
 */
export type Verdict =
  | { readonly kind: 'working' }
  | { readonly kind: 'stalled'; readonly why: string }
  | { readonly kind: 'completed'; readonly summary: string }
  | { readonly kind: 'failed'; readonly ending: Extract<Ending, { status: 'failed' }> };

/** `denied`: an operator rejected a permission request of this run. */
export function verdictOf(snapshot: SessionSnapshot, context: { readonly denied: boolean }): Verdict {
  if (snapshot.status !== 'idle' || snapshot.permissions.length > 0) return { kind: 'working' };
  const last = snapshot.messages.at(-1);
  if (last === undefined || last.info.role === 'user') return { kind: 'stalled', why: 'no answer to its last prompt' };
  const info: AssistantMessage = last.info;
  if (info.time.completed === undefined) return { kind: 'stalled', why: 'its last answer was never finished' };
  if (info.error !== undefined) return { kind: 'failed', ending: errorEnding(info.error) };
  if (info.finish === 'tool-calls') {
    // OpenCode stops after a tool call only when the call was refused.
    const ending = context.denied
      ? failed('TASK.PERMISSION_DENIED', 'an operator denied a permission the agent needed; OpenCode stopped', false)
      : failed('TASK.AGENT_ERROR', 'OpenCode stopped after a tool call without answering', true);
    return { kind: 'failed', ending };
  }
  return { kind: 'completed', summary: summaryOf(snapshot, last.parts) };
}

function summaryOf(snapshot: SessionSnapshot, lastParts: readonly Part[]): string {
  const own = textOf(lastParts);
  if (own !== '') return clip(own, 4000);
  const earlier = snapshot.messages.flatMap((m) => (m.info.role === 'assistant' ? [textOf(m.parts)] : [])).filter((t) => t !== '');
  return clip(earlier.at(-1) ?? 'OpenCode finished the task without a final message.', 4000);
}

function textOf(parts: readonly Part[]): string {
  return parts
    .flatMap((p) => (p.type === 'text' && p.synthetic !== true && p.ignored !== true ? [p.text] : []))
    .join('\n')
    .trim();
}

function errorEnding(error: NonNullable<AssistantMessage['error']>): Extract<Ending, { status: 'failed' }> {
  switch (error.name) {
    case 'APIError': {
      const status = error.data.statusCode;
      const retryable = error.data.isRetryable || status === 429 || (status !== undefined && status >= 500);
      return failed('TASK.AGENT_ERROR', `model API error${status === undefined ? '' : ` ${status}`}: ${error.data.message}`, retryable);
    }
    case 'ProviderAuthError':
      return failed('TASK.AGENT_ERROR', `model provider ${error.data.providerID} refused the credentials: ${error.data.message}`, false);
    case 'MessageAbortedError':
      return failed('TASK.AGENT_ERROR', 'the OpenCode session was aborted outside the orchestrator', true);
    case 'ContextOverflowError':
      return failed('TASK.AGENT_ERROR', `the conversation outgrew the model's context: ${error.data.message}`, false);
    case 'MessageOutputLengthError':
      return failed('TASK.AGENT_ERROR', 'the model reached its output limit', true);
    default:
      return failed('TASK.AGENT_ERROR', `OpenCode failed (${error.name}): ${String(error.data['message'] ?? '')}`, true);
  }
}

function failed(code: Extract<Ending, { status: 'failed' }>['code'], message: string, retryable: boolean): Extract<Ending, { status: 'failed' }> {
  return { status: 'failed', code, message: clip(message, 2000), retryable };
}
