import type { RunEventStream, RunOutcome } from '@orch/application';
import type { Ending, NewRunEvent } from './run-events';
import type { JournalEntry, RunJournal } from './run-journal';
import { RunLog } from './run-log';

/**
 * What a run has reported: every event journaled before it is reported, each fact key once, and
 * one ending (`ended` last, with the usage totals). Restored from the journal after a restart, so
 * that the events replay exactly as they came and new facts continue the numbering.
 */
export class RunRecorder {
  private readonly log = new RunLog();
  private readonly recording = new Set<string>();
  private finishing = false;
  private resolveOutcome: (outcome: RunOutcome) => void = () => undefined;
  private readonly settled = new Promise<RunOutcome>((resolve) => (this.resolveOutcome = resolve));

  constructor(
    private readonly journal: RunJournal,
    restored: readonly JournalEntry[] = [],
  ) {
    for (const entry of restored) {
      if (entry.t !== 'fact') continue;
      this.log.add(entry.key, entry.event);
      if (entry.event.type === 'ended') this.settle(entry.event.outcome);
    }
  }

  /** Ending or ended: nothing more is recorded. */
  get ended(): boolean {
    return this.finishing || this.log.ended;
  }

  get closed(): boolean {
    return this.log.ended;
  }

  get lastSeq(): number {
    return this.log.lastSeq;
  }

  /** Recorded, or being recorded. */
  has(key: string): boolean {
    return this.log.has(key) || this.recording.has(key);
  }

  events(afterSeq?: number): RunEventStream {
    return this.log.stream(afterSeq);
  }

  outcome(): Promise<RunOutcome> {
    return this.settled;
  }

  /** Journals, then reports; whether it was recorded (not once the run is ending, nor a key twice). */
  async record(key: string, event: NewRunEvent): Promise<boolean> {
    if (this.finishing || this.has(key)) return false;
    this.recording.add(key);
    await this.journal.append({ t: 'fact', key, event });
    return this.log.add(key, event) !== undefined;
  }

  /** A journal entry that is no report (the prompt was sent, a permission was denied). */
  note(entry: Exclude<JournalEntry, { t: 'fact' }>): Promise<void> {
    return this.journal.append(entry);
  }

  /** Ends the run once: facts already being journaled land first, then `ended` with the usage totals. */
  async finish(ending: Ending): Promise<RunOutcome> {
    if (this.finishing) return this.settled;
    this.finishing = true;
    await this.journal.idle();
    const outcome = { ...ending, usage: this.log.usage } as RunOutcome;
    await this.journal.append({ t: 'fact', key: 'ended', event: { type: 'ended', outcome } });
    this.log.add('ended', { type: 'ended', outcome });
    this.settle(outcome);
    return outcome;
  }

  private settle(outcome: RunOutcome): void {
    this.finishing = true;
    this.resolveOutcome(outcome);
  }
}
