import type { Job, JobResult } from './jobs';
import { runSubscriptionLag } from './subscription-lag';
import { runThroughput } from './throughput';

/**
 * One workload in a fresh process: every store starts with the same cold JIT and the same pg
 * module state (Emmett replaces pg's global type parsers when it loads), and a crash or a leaked
 * connection cannot bleed into the next workload. argv: the job as JSON, then a label for logs.
 */
async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? 'null') as Job;
  const label = process.argv[3] ?? job.kind;
  const log = (line: string): void => console.log(`  [${label}] ${line}`);
  const result: JobResult = job.kind === 'lag' ? await runSubscriptionLag(job, log) : await runThroughput(job, log);
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
