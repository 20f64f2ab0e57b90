import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { Job, JobResult } from './jobs';

const REGISTER = path.join(__dirname, '..', '..', 'runtime', 'register.js');
const WORKER = path.join(__dirname, 'worker.ts');
const running = new Set<ChildProcess>();

/** Runs one job in a worker process (see worker.ts); its progress lines go to our stdout. */
export function runInWorker(job: Job, label: string): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify(job), label], { execArgv: ['-r', REGISTER] });
    running.add(child);
    let result: JobResult | undefined;
    child.on('message', (message) => (result = message as JobResult));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (result && code === 0) resolve(result);
      else reject(new Error(`${label}: worker exited with ${signal ?? `code ${String(code)}`}`));
    });
  });
}

/** Stops the workers this process started (on SIGINT, before the databases are dropped). */
export function killWorkers(): void {
  for (const child of running) child.kill('SIGTERM');
}
