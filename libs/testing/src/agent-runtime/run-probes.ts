import type { RunEvent, RunOutcome, RunStart, TaskRun } from '@orch/application';

/** The run of a start that must have started. */
export function startedRun(start: RunStart): TaskRun {
  if (!start.started) throw new Error(`the run did not start: ${start.failure.code} ${start.failure.message}`);
  return start.run;
}

/** Every event of the run after `afterSeq`, through `ended`. */
export async function allEvents(run: TaskRun, afterSeq = 0): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const event of run.events(afterSeq)) events.push(event);
  return events;
}

/** Reads the run's events until one matches; the stream is closed before returning. */
export async function firstEvent<T extends RunEvent>(run: TaskRun, matches: (event: RunEvent) => event is T): Promise<T> {
  const stream = run.events();
  try {
    for await (const event of stream) {
      if (matches(event)) return event;
    }
  } finally {
    await stream.close();
  }
  throw new Error('the run ended before the awaited event');
}

export const isProgress = (event: RunEvent): event is Extract<RunEvent, { type: 'progress' }> => event.type === 'progress';
export const isPermissionRequest = (event: RunEvent): event is Extract<RunEvent, { type: 'permission_requested' }> =>
  event.type === 'permission_requested';
export const isUsage = (event: RunEvent): event is Extract<RunEvent, { type: 'usage' }> => event.type === 'usage';

/** Whether `promise` settles within `ms`. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function completedOutcome(outcome: RunOutcome): Extract<RunOutcome, { status: 'completed' }> {
  if (outcome.status !== 'completed') throw new Error(`expected a completed run, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** Integer micro-dollars, as DOMAIN.md §1 sums money. */
export const micros = (usd: number): number => Math.round(usd * 1_000_000);

export const codePoints = (text: string): number => [...text].length;
