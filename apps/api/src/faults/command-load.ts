/** One command sent under load and what became of it. */
export interface LoadResult {
  readonly status: number | 'network-error';
  readonly id?: string;
  readonly position?: number;
  readonly code?: string;
  readonly retryAfter?: string | null;
  readonly contentType?: string | null;
  /** The label current when the command was sent (see `mark`). */
  readonly phase: string;
  /** When the answer (or the network error) came, ms since the epoch. */
  readonly answeredAt: number;
}

export interface CommandLoad {
  readonly results: LoadResult[];
  /** Labels the results of commands sent from now on (e.g. 'outage', 'after'). */
  mark(phase: string): void;
  acknowledged(phase?: string): LoadResult[];
  stop(): Promise<LoadResult[]>;
}

/** `concurrency` clients creating sessions back to back until stopped (no pacing: a fault test, not a bench). */
export function startCommandLoad(baseUrl: string, key: string, concurrency = 4): CommandLoad {
  const results: LoadResult[] = [];
  let phase = 'before';
  let running = true;
  let sequence = 0;
  const worker = async () => {
    while (running) {
      const sent = phase;
      const title = `load ${sequence++}`;
      try {
        const response = await fetch(`${baseUrl}/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title, prompt: `Prompt of ${title}` }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json().catch(() => ({}))) as { id?: string; position?: number; code?: string };
        results.push({
          status: response.status,
          phase: sent,
          answeredAt: Date.now(),
          ...(body.id === undefined ? {} : { id: body.id }),
          ...(body.position === undefined ? {} : { position: body.position }),
          ...(body.code === undefined ? {} : { code: body.code }),
          retryAfter: response.headers.get('retry-after'),
          contentType: response.headers.get('content-type'),
        });
      } catch {
        results.push({ status: 'network-error', phase: sent, answeredAt: Date.now() });
        // The process is gone or restarting: do not spin.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  const acknowledged = (only?: string) => results.filter((result) => typeof result.status === 'number' && result.status >= 200 && result.status < 300 && (only === undefined || result.phase === only));
  return {
    results,
    mark: (next) => void (phase = next),
    acknowledged,
    async stop() {
      running = false;
      await Promise.all(workers);
      return results;
    },
  };
}

export async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
