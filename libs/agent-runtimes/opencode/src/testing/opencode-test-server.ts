import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinnedOpencodeBinary } from '../opencode-binary';
import { basicAuthorization, serverEnvironment } from '../server-environment';
import { spawnServer, stopProcess, type ServerProcess } from '../server-process';

/** The model every spec's OpenCode talks to: the scripted chat-completions mock, priced so that runs cost something. */
export function mockedOpencodeConfig(modelBaseUrl: string): Record<string, unknown> {
  return {
    provider: {
      mock: {
        npm: '@ai-sdk/openai-compatible',
        name: 'Scripted model mock',
        options: { baseURL: modelBaseUrl, apiKey: 'mock-key' },
        models: { scripted: { name: 'Scripted', cost: { input: 3, output: 15 } } },
      },
    },
    model: 'mock/scripted',
    small_model: 'mock/scripted',
    // An agent that asks before every edit, for the permission cases.
    agent: { careful: { mode: 'primary', description: 'asks before editing', permission: { edit: 'ask' } } },
  };
}

export interface TestOpencodeServer {
  readonly url: string;
  readonly password: string;
  readonly process: ServerProcess;
  stop(): Promise<void>;
}

/** A real `opencode serve` (the pinned binary) in front of the model at `modelBaseUrl`, with a known password: an "external" server for the specs. */
export async function startTestOpencodeServer(modelBaseUrl: string): Promise<TestOpencodeServer> {
  const home = await mkdtemp(join(tmpdir(), 'opencode-test-server-'));
  const password = randomBytes(16).toString('hex');
  await Promise.all(['home', 'xdg/config', 'xdg/data', 'xdg/cache', 'xdg/state'].map((d) => mkdir(join(home, d), { recursive: true })));
  const env = serverEnvironment({ home, password, config: mockedOpencodeConfig(modelBaseUrl), extra: {} });
  const process = await spawnServer({ binary: pinnedOpencodeBinary(), home, env, readyTimeoutMs: 90_000 });
  await warmUp(process.url, basicAuthorization(password), home);
  return {
    url: process.url,
    password,
    process,
    stop: async () => {
      await stopProcess(process.pid, 5_000);
      // OPENCODE_TEST_KEEP_HOME=1 keeps the server's home (its server.log) to look into a failure.
      if (globalThis.process.env['OPENCODE_TEST_KEEP_HOME'] === '1') globalThis.process.stderr.write(`opencode test server home kept: ${home}\n`);
      else await rm(home, { recursive: true, force: true });
    },
  };
}

/**
 * The first request to a new server boots its instance (config, providers, the project), which on
 * a loaded CI machine can take longer than the runtime's 15 s request timeout; a spec's first run
 * would then fail to start for reasons of its machine, not of the runtime. One listing of a
 * directory's sessions, with a generous timeout, takes that cost before the specs start.
 */
async function warmUp(url: string, authorization: string | undefined, directory: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/session?directory=${encodeURIComponent(directory)}`, {
        headers: authorization === undefined ? {} : { authorization },
        signal: AbortSignal.timeout(60_000),
      });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not answering yet: try again until the deadline
    }
    if (Date.now() > deadline) throw new Error(`opencode serve at ${url} did not answer a session listing within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
