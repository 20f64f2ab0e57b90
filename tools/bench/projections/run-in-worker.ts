import path from 'node:path';
import { workerRunner } from '../shared/run-in-worker';
import type { Job, JobResult } from './jobs';

/** This bench's jobs, each in a worker process (see worker.ts). */
export const { runInWorker, killWorkers } = workerRunner<Job, JobResult>(path.join(__dirname, 'worker.ts'));
