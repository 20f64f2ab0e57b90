import { spawn } from 'node:child_process';
import type { ProbeResult, RunAgent } from '@orch/application';
import type { ProcessRuntimeConfig } from '@orch/domain-agent';

const DEFAULT_COMMANDS: Record<string, string> = { 'claude-code': 'claude', codex: 'codex' };

/**
 * The process runtime's liveness check (DOMAIN.md §4.2 "version-check probe"): `<command> --version`
 * must start and exit within the time limit. A command that cannot be found or started, or hangs,
 * fails; its exit code does not matter (a generic agent may not know `--version`, but it runs).
 */
export function versionProbe(agent: RunAgent, env: NodeJS.ProcessEnv, timeoutMs = 10_000): Promise<ProbeResult> {
  const config = agent.runtime.config as ProcessRuntimeConfig;
  const command = config.command ?? DEFAULT_COMMANDS[config.preset] ?? '';
  return new Promise((resolve) => {
    const child = spawn(command, ['--version'], { env, stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ ok: false, reason: `${command} --version did not exit within ${timeoutMs} ms` });
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `${command} could not be started: ${error.message}` });
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve({ ok: true });
    });
  });
}
