import type { OrchestratorAccess } from '@orch/application';

export type ContextWrite = { readonly written: true; readonly version: number } | { readonly written: false; readonly reason: string };

const ATTEMPTS = 5;

/**
 * What an agent learned, written into its session's context through the api with its own key, as
 * any agent would (`PATCH /contexts/:id` with the attempt as `source`): first at the version its
 * prompt carried; when another task wrote meanwhile, the 409 names the actual version, and the write
 * is made again at that one.
 */
export async function writeLearned(access: OrchestratorAccess, taskId: string, value: unknown): Promise<ContextWrite> {
  const url = `${access.apiUrl}/contexts/${access.contextId}`;
  const headers = { authorization: `Bearer ${access.token}`, 'content-type': 'application/json' };
  let expectedVersion = access.contextVersion;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const body = { expectedVersion, operations: [{ op: 'set', path: `learned.${taskId}`, value }], source: access.source };
    const reply = await fetch(url, { method: 'PATCH', headers, body: JSON.stringify(body) });
    if (reply.ok) return { written: true, version: expectedVersion + 1 };
    const problem = (await reply.json().catch(() => ({}))) as { code?: string; details?: { actualVersion?: number } };
    const actual = problem.details?.actualVersion;
    if (reply.status !== 409 || problem.code !== 'CONTEXT.VERSION_CONFLICT' || typeof actual !== 'number') {
      return { written: false, reason: `PATCH ${url} answered ${reply.status} ${problem.code ?? ''}`.trim() };
    }
    expectedVersion = actual;
  }
  return { written: false, reason: `the context kept changing (${ATTEMPTS} version conflicts)` };
}
