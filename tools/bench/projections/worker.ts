import type { Job, JobResult } from './jobs';
import { runProjectionLag } from './projection-lag';
import { runRebuildRate } from './rebuild-rate';

/**
 * One job in a fresh process, so a leaked connection or a warm JIT cannot bleed into the next
 * one. argv: the job as JSON, then a label for log lines.
 */
async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? 'null') as Job;
  const label = process.argv[3] ?? job.kind;
  const log = (line: string): void => console.log(`  [${label}] ${line}`);
  const result: JobResult = job.kind === 'lag' ? await runProjectionLag(job, log) : await runRebuildRate(job, log);
  await new Promise<void>((resolve, reject) => {
    if (!process.send) return reject(new Error('worker.ts must be started by the bench (it reports over IPC)'));
    process.send(result, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
