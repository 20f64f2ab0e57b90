import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An api process killed with SIGKILL leaves its own `opencode serve` running (it is in a process
 * group of its own, so a restart on the same data dir can adopt or replace it). A test that throws
 * the data dir away must stop that server itself, or it outlives the test run.
 */
export function stopOrphanedOpencode(dataDir: string): void {
  let pid: number | undefined;
  try {
    pid = (JSON.parse(readFileSync(join(dataDir, 'opencode', 'server', 'server.json'), 'utf8')) as { pid?: number }).pid;
  } catch {
    return; // this process never started its own server
  }
  if (typeof pid !== 'number' || !isOpencodeServe(pid)) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function isOpencodeServe(pid: number): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.some((arg) => arg.includes('opencode')) && args.includes('serve');
  } catch {
    return false;
  }
}
