/**
 * An "engine" in a child process, for the spec that kills one: `node -r tools/runtime/register.js
 * engine-process.ts <request JSON>` (env ENGINE_DATA_DIR, ENGINE_MODEL_URL). It starts one run on
 * the runtime's own OpenCode server, prints `{"runtimeRef": …}` and waits to be killed. Run this
 * way it also shows that the ESM-only SDK loads under `node -r tools/runtime/register.js`.
 */
import type { TaskRunRequest } from '@orch/application';
import { OpencodeAgentRuntime } from '../opencode-runtime';
import { mockedOpencodeConfig } from './opencode-test-server';

async function main(): Promise<void> {
  const dataDir = process.env['ENGINE_DATA_DIR'];
  const modelUrl = process.env['ENGINE_MODEL_URL'];
  const request = JSON.parse(process.argv[2] ?? '{}') as TaskRunRequest;
  if (dataDir === undefined || modelUrl === undefined) throw new Error('ENGINE_DATA_DIR and ENGINE_MODEL_URL are required');
  const runtime = new OpencodeAgentRuntime({ dataDir, ownedServer: { config: mockedOpencodeConfig(modelUrl) } });
  const start = await runtime.start(request);
  if (!start.started) throw new Error(`${start.failure.code}: ${start.failure.message}`);
  process.stdout.write(`${JSON.stringify({ runtimeRef: start.run.runtimeRef })}\n`);
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
