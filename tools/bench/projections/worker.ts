import { serveJob } from '../shared/run-in-worker';
import type { Job, JobResult } from './jobs';
import { runProjectionLag } from './projection-lag';
import { runRebuildRate } from './rebuild-rate';

/** One job in a fresh process, so a leaked connection or a warm JIT cannot bleed into the next one. */
serveJob<Job, JobResult>((job, log) => (job.kind === 'lag' ? runProjectionLag(job, log) : runRebuildRate(job, log)));
