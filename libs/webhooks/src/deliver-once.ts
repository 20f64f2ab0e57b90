import { WEBHOOK_HEADERS } from '@orch/contracts';
import { isAllowedWebhookUrl } from '@orch/domain-access';
import { signatureHeader } from './signing';

export interface Attempt {
  readonly url: string;
  readonly secret: string;
  readonly deliveryId: string;
  readonly webhookId: string;
  readonly eventType: string;
  readonly attempt: number;
  readonly payload: string;
  readonly timeoutMs: number;
  /** Unix seconds for the signature; defaults to now. */
  readonly timestamp?: number;
}

export interface AttemptOutcome {
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/**
 * One signed POST. 2xx is success; anything else, a redirect included (never followed: the URL
 * was validated, its redirect target was not), a timeout or a network error is a failure.
 */
export async function deliverOnce(attempt: Attempt, fetchImpl: typeof fetch = fetch): Promise<AttemptOutcome> {
  const started = Date.now();
  const took = () => Date.now() - started;
  if (!isAllowedWebhookUrl(attempt.url)) return { ok: false, statusCode: null, error: 'URL not allowed (https, or http to loopback)', durationMs: 0 };
  const timestamp = attempt.timestamp ?? Math.floor(Date.now() / 1000);
  try {
    const response = await fetchImpl(attempt.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(attempt.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'orch-webhooks/1',
        [WEBHOOK_HEADERS.signature]: signatureHeader(attempt.secret, timestamp, attempt.payload),
        [WEBHOOK_HEADERS.deliveryId]: attempt.deliveryId,
        [WEBHOOK_HEADERS.webhookId]: attempt.webhookId,
        [WEBHOOK_HEADERS.eventType]: attempt.eventType,
        [WEBHOOK_HEADERS.attempt]: String(attempt.attempt),
      },
      body: attempt.payload,
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: took() };
  } catch (error) {
    const name = (error as Error).name;
    const message = name === 'TimeoutError' ? `timed out after ${attempt.timeoutMs} ms` : describe(error);
    return { ok: false, statusCode: null, error: message.slice(0, 500), durationMs: took() };
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
