import { backoffDelay, signatureHeader } from '@orch/webhooks';
import type { AgentMessage } from './task-assignment';

export interface PushPolicy {
  /** Attempts of one message before giving up (≥ 1); default 3. */
  readonly attempts: number;
  /** Back-off between attempts (exponential with jitter, as webhook retries); default 200 ms..2 s. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** Per attempt; default 5 s. */
  readonly timeoutMs: number;
}

export const DEFAULT_PUSH_POLICY: PushPolicy = { attempts: 3, baseMs: 200, maxMs: 2_000, timeoutMs: 5_000 };

export type PushResult = { readonly accepted: true } | { readonly accepted: false; readonly reason: string };

/**
 * POSTs one message to a push-mode agent, signed `X-Orch-Signature: t=<unix>,v1=<hex>` (HMAC-SHA256
 * of `<t>.<body>`, the webhook scheme). A 2xx accepts it; a network error, timeout, 408, 429 or 5xx is
 * retried with back-off; any other answer is a refusal and is not retried.
 */
export async function pushMessage(url: string, secret: string, message: AgentMessage, policy: PushPolicy = DEFAULT_PUSH_POLICY): Promise<PushResult> {
  const body = JSON.stringify(message);
  let reason = 'not attempted';
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt - 1, policy)));
    const headers = {
      'content-type': 'application/json',
      'x-orch-signature': signatureHeader(secret, Math.floor(Date.now() / 1000), body),
      'x-orch-agent-id': message.agentId,
      'x-orch-message-type': message.type,
      'x-orch-attempt': String(attempt),
    };
    try {
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(policy.timeoutMs), redirect: 'manual' });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { accepted: true };
      reason = `the agent answered ${response.status}`;
      if (!(response.status === 408 || response.status === 429 || response.status >= 500)) break;
    } catch (error) {
      reason = `the agent could not be reached: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return { accepted: false, reason };
}
