import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

const REGISTER = path.join(__dirname, '..', '..', 'runtime', 'register.js');

export interface WorkerRunner<Job, Result> {
  /** Runs one job in a fresh worker process; its progress lines go to our stdout. */
  runInWorker(job: Job, label: string): Promise<Result>;
  /** Stops the workers this process started (on SIGINT, before the databases are dropped). */
  killWorkers(): void;
}

/** Runs jobs in `workerFile` (a TypeScript module calling `serveJob`), one process a job. */
export function workerRunner<Job, Result>(workerFile: string): WorkerRunner<Job, Result> {
  const running = new Set<ChildProcess>();
  return {
    runInWorker(job, label) {
      return new Promise((resolve, reject) => {
        const child = fork(workerFile, [JSON.stringify(job), label], { execArgv: ['-r', REGISTER] });
        running.add(child);
        let result: Result | undefined;
        child.on('message', (message) => (result = message as Result));
        child.on('error', reject);
        child.on('exit', (code, signal) => {
          running.delete(child);
          if (result && code === 0) resolve(result);
          else reject(new Error(`${label}: worker exited with ${signal ?? `code ${String(code)}`}`));
        });
      });
    },
    killWorkers() {
      for (const child of running) child.kill('SIGTERM');
    },
  };
}

/**
 * The worker's side: reads the job (argv: the job as JSON, then a label for log lines), runs it,
 * sends the result back over IPC and exits 0; on a failure, prints it and exits 1.
 */
export function serveJob<Job extends { readonly kind: string }, Result>(run: (job: Job, log: (line: string) => void) => Promise<Result>): void {
  const main = async (): Promise<void> => {
    const job = JSON.parse(process.argv[2] ?? 'null') as Job;
    const label = process.argv[3] ?? job.kind;
    const log = (line: string): void => console.log(`  [${label}] ${line}`);
    const result = await run(job, log);
    await new Promise<void>((resolve, reject) => {
      if (!process.send) return reject(new Error('the worker must be started by the bench (it reports over IPC)'));
      process.send(result, (error: Error | null) => (error ? reject(error) : resolve()));
    });
  };
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
