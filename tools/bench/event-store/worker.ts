import { serveJob } from '../shared/run-in-worker';
import type { Job, JobResult } from './jobs';
import { runSubscriptionLag } from './subscription-lag';
import { runThroughput } from './throughput';

/**
 * One workload in a fresh process: every store starts with the same cold JIT and the same pg
 * module state (Emmett replaces pg's global type parsers when it loads), and a crash or a leaked
 * connection cannot bleed into the next workload.
 */
serveJob<Job, JobResult>((job, log) => (job.kind === 'lag' ? runSubscriptionLag(job, log) : runThroughput(job, log)));
