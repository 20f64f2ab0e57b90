import { OrchClient } from '@orch/client';
import { sessionKeys, systemKeys, agentKeys } from '@orch/contracts';
import { describe, expect, it, vi } from 'vitest';
import { orchQueries, shouldRetry } from './query-options';
import { OrchProblemError } from '@orch/client';

function clientAnswering(status: number, body: unknown) {
  const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  return { orch: new OrchClient({ baseUrl: 'http://api.test', apiKey: 'k-1', fetch: fetch as unknown as typeof globalThis.fetch }), fetch };
}

const run = <T>(options: { queryFn?: unknown }) => (options.queryFn as (context: unknown) => Promise<T>)({ pageParam: undefined });

describe('query option factories', () => {
  it("given the factories, then each key is the contracts' key for the same endpoint", () => {
    const q = orchQueries(clientAnswering(200, {}).orch);
    expect(q.session('s-1').queryKey).toEqual(sessionKeys.detail('s-1'));
    expect(q.tasks('s-1').queryKey).toEqual(sessionKeys.tasks('s-1'));
    expect(q.timeline('s-1').queryKey).toEqual(sessionKeys.timeline('s-1', 'asc'));
    expect(q.state('s-1', 4).queryKey).toEqual(sessionKeys.state('s-1', 4));
    expect(q.state('s-1').queryKey).toEqual(sessionKeys.state('s-1'));
    expect(q.agents().queryKey).toEqual(agentKeys.list({}));
    expect(q.whoami().queryKey).toEqual(systemKeys.whoami());
    expect(q.engineStatus().queryKey).toEqual(systemKeys.engineStatus());
  });

  it('given the engine status query, then it calls GET /engine/status with the bearer key and keeps polling', async () => {
    const { orch, fetch } = clientAnswering(200, { running: false, reason: 'elsewhere', queue: null });
    const options = orchQueries(orch).engineStatus();
    await expect(run(options)).resolves.toEqual({ running: false, reason: 'elsewhere', queue: null });
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('http://api.test/api/v1/engine/status');
    expect((init.headers as Record<string, string>)['authorization']).toBe('Bearer k-1');
    expect(options.refetchInterval).toBe(5000);
  });

  it('given a past revision, then its state never goes stale; the latest state does', () => {
    const q = orchQueries(clientAnswering(200, {}).orch);
    expect(q.state('s-1', 3).staleTime).toBe(Infinity);
    expect(q.state('s-1').staleTime).toBe(0);
  });

  it('given the state query, then it calls the replay path with the bearer key', async () => {
    const { orch, fetch } = clientAnswering(200, { revision: 2 });
    await run(orchQueries(orch).state('s-1', 2));
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('http://api.test/api/v1/sessions/s-1/state?at=2');
    expect((init.headers as Record<string, string>)['authorization']).toBe('Bearer k-1');
  });

  it('given the timeline, then the first page is small, later pages are the log maximum, and the next page starts after the last position', async () => {
    const { orch, fetch } = clientAnswering(200, { items: [], next: null });
    const options = orchQueries(orch).timeline('s-1');
    await run(options);
    expect(fetch.mock.calls[0]?.[0]).toBe('http://api.test/api/v1/sessions/s-1/timeline?limit=100');
    await (options.queryFn as (context: unknown) => Promise<unknown>)({ pageParam: 42 });
    expect(fetch.mock.calls[1]?.[0]).toBe('http://api.test/api/v1/sessions/s-1/timeline?limit=500&after=42');
    expect(options.getNextPageParam({ items: [], next: 42 }, [], undefined, [])).toBe(42);
    expect(options.getNextPageParam({ items: [], next: null }, [], undefined, [])).toBeUndefined();
  });

  it('given the audit verification answers 404, then it reads as unavailable rather than an error', async () => {
    const { orch } = clientAnswering(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no', code: 'HTTP.404' });
    await expect(run(orchQueries(orch).auditVerify())).resolves.toEqual({ available: false });
  });

  it('given a task without finished work (404), then its diff is null', async () => {
    const { orch } = clientAnswering(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'none', code: 'TASK.NOT_FOUND' });
    await expect(run(orchQueries(orch).diff('s-1', 'a'))).resolves.toBeNull();
  });

  it('given errors, then only server trouble is retried, and at most three times', () => {
    const problem = (status: number) => new OrchProblemError({ type: 'x', title: 'x', status, detail: 'x', code: 'X' });
    expect(shouldRetry(0, problem(503))).toBe(true);
    expect(shouldRetry(3, problem(503))).toBe(false);
    expect(shouldRetry(0, problem(404))).toBe(false);
    expect(shouldRetry(0, problem(409))).toBe(false);
  });
});
