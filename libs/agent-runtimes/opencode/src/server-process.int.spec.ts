import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { isAlive } from './server-process';

/**
 * A process whose child has exited and is never reaped: `sh` starts `sleep 0.1` in the background,
 * prints its pid and becomes `sleep 30` (exec), which never waits for it. What an adopted server
 * is once it exits, until init reaps it.
 */
async function parentOfAZombie(): Promise<{ parent: ChildProcess; zombie: number }> {
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: parent.stdout as NodeJS.ReadableStream }), 'line')) as [string];
  return { parent, zombie: Number(line) };
}

async function untilZombie(pid: number): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const deadline = Date.now() + 5_000;
  for (;;) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    if (stat.charAt(stat.lastIndexOf(')') + 2) === 'Z') return;
    if (Date.now() > deadline) throw new Error(`${pid} did not exit`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('isAlive', () => {
  it('given a running process, then it is alive', () => {
    expect(isAlive(process.pid)).toBe(true);
  });

  it('given a process that exited and that its parent has not reaped (a zombie), then it is not alive', async () => {
    const { parent, zombie } = await parentOfAZombie();
    try {
      await untilZombie(zombie);
      expect(isAlive(zombie)).toBe(false);
      expect(isAlive(parent.pid ?? 0)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
      await once(parent, 'exit');
    }
    expect(isAlive(parent.pid ?? 0)).toBe(false);
  });

  it('given a pid no process has, then it is not alive', () => {
    expect(isAlive(2 ** 22 + 17)).toBe(false);
  });
});
