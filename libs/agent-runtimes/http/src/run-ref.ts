const PREFIX = 'http:';

/** The runtimeRef of an http run (TaskStarted): the engine's run id, which agents see as `runId`. */
export const runtimeRefOf = (runId: string): string => `${PREFIX}${runId}`;

export function runIdOf(runtimeRef: string): string | undefined {
  return runtimeRef.startsWith(PREFIX) && runtimeRef.length > PREFIX.length ? runtimeRef.slice(PREFIX.length) : undefined;
}
