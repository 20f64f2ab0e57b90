import type { OrchestratorAccess } from '@orch/application';

export type ContextWrite = { readonly written: true; readonly version: number } | { readonly written: false; readonly reason: string };

const ATTEMPTS = 3;

/**
 * What an agent learned, written into its session's context through the api with its own key, as
 * any agent would (`PATCH /contexts/:id` with the attempt as `source`): read the current version,
 * write at it, and on a version conflict (another task wrote meanwhile) read again and retry.
 */
export async function writeLearned(access: OrchestratorAccess, taskId: string, value: unknown): Promise<ContextWrite> {
  const url = `${access.apiUrl}/contexts/${access.contextId}`;
  const headers = { authorization: `Bearer ${access.token}`, 'content-type': 'application/json' };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const current = await fetch(url, { headers });
    if (!current.ok) return { written: false, reason: `GET ${url} answered ${current.status}` };
    const { version } = (await current.json()) as { version: number };
    const body = { expectedVersion: version, operations: [{ op: 'set', path: `learned.${taskId}`, value }], source: access.source };
    const reply = await fetch(url, { method: 'PATCH', headers, body: JSON.stringify(body) });
    if (reply.ok) return { written: true, version: version + 1 };
    if (reply.status !== 409) return { written: false, reason: `PATCH ${url} answered ${reply.status}: ${(await reply.text()).slice(0, 300)}` };
  }
  return { written: false, reason: `the context kept changing (${ATTEMPTS} version conflicts)` };
}
