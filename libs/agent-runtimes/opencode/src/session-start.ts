import type { TaskRunRequest } from '@orch/application';
import type { OpencodeRuntimeOptions } from './opencode-runtime';
import type { ServerConnection } from './server-connection';
import type { PromptSpec } from './session-client';

/** Creates the run's OpenCode session in its working directory; answers its id. */
export async function createSession(
  connection: ServerConnection,
  request: TaskRunRequest,
  spec: PromptSpec,
  permission: OpencodeRuntimeOptions['sessionPermission'],
): Promise<string> {
  const client = await connection.client();
  const created = await client.session.create({
    directory: request.workingDirectory,
    title: request.title.slice(0, 200),
    ...(spec.agent === undefined ? {} : { agent: spec.agent }),
    ...(permission === undefined ? {} : { permission: [...permission] }),
    metadata: { orchRunId: request.runId, orchTaskId: request.taskId, orchAttempt: request.attempt },
  });
  const id = created.data?.id;
  if (created.error !== undefined || id === undefined) {
    throw new Error(`creating the session answered ${created.response?.status ?? 'nothing'}: ${JSON.stringify(created.error ?? {}).slice(0, 500)}`);
  }
  return id;
}
