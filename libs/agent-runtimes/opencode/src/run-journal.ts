import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NewRunEvent } from './run-events';
import type { PromptSpec } from './session-client';

export interface JournalHeader {
  readonly runtimeRef: string;
  readonly runId: string;
  /** Epoch ms; the time limit counts from here, across engine restarts. */
  readonly startedAt: number;
  readonly deadlineAt: number;
  /** Kept until OpenCode has them: a crash between the session's creation and its prompt is finished after a restart. */
  readonly instructions: string;
  readonly prompt: PromptSpec;
}

export type JournalEntry =
  | { readonly t: 'fact'; readonly key: string; readonly event: NewRunEvent }
  /** The instructions were accepted by OpenCode (`prompt_async` answered). */
  | { readonly t: 'prompted' }
  /** An operator denied one of the run's permission requests. */
  | { readonly t: 'denied'; readonly requestId: string };

export interface JournalContents {
  readonly header: JournalHeader;
  readonly entries: readonly JournalEntry[];
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 40);

/**
 * A run's journal in the runtime's data dir (`runs/<hash of runtimeRef>.jsonl`): what the run
 * reported, in order, written before it is reported. OpenCode's own stream cannot resume and does
 * not keep our permission answers or delivery receipts, so a restarted engine replays the run
 * from here, then reconciles with the session for what happened since. One line per entry,
 * appended in order; a torn last line (a crash mid-write) is ignored.
 */
export class RunJournal {
  private chain: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static async create(dir: string, header: JournalHeader): Promise<RunJournal> {
    await mkdir(join(dir, 'runs'), { recursive: true });
    const file = journalFile(dir, header.runtimeRef);
    await writeFile(file, `${JSON.stringify({ t: 'header', ...header })}\n`, { flag: 'wx' });
    await writeAtomically(runIndexFile(dir, header.runId), header.runtimeRef);
    return new RunJournal(file);
  }

  static async read(dir: string, runtimeRef: string): Promise<{ journal: RunJournal; contents: JournalContents } | undefined> {
    const file = journalFile(dir, runtimeRef);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (text === undefined) return undefined;
    const lines = text.split('\n').flatMap((line) => {
      try {
        return line.trim() === '' ? [] : [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
    const [first, ...rest] = lines;
    if (first?.['t'] !== 'header') return undefined;
    const { t: _t, ...header } = first;
    return { journal: new RunJournal(file), contents: { header: header as unknown as JournalHeader, entries: rest as unknown as JournalEntry[] } };
  }

  /** The runtimeRef started for `runId`, if any (a start repeated after a restart finds its run). */
  static async runtimeRefOf(dir: string, runId: string): Promise<string | undefined> {
    return readFile(runIndexFile(dir, runId), 'utf8').then(
      (ref) => ref.trim() || undefined,
      () => undefined,
    );
  }

  /** Forgets which run `runId` started (its start was refused), so that a new start makes a new run. */
  static async forgetRun(dir: string, runId: string): Promise<void> {
    await rm(runIndexFile(dir, runId), { force: true });
  }

  /** Resolves once every append so far is on disk (or failed). */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Appends in call order; resolves once the line is on disk. */
  append(entry: JournalEntry): Promise<void> {
    const written = this.chain.then(() => appendFile(this.file, `${JSON.stringify(entry)}\n`));
    this.chain = written.catch(() => undefined);
    return written;
  }
}

function journalFile(dir: string, runtimeRef: string): string {
  return join(dir, 'runs', `${hash(runtimeRef)}.jsonl`);
}

function runIndexFile(dir: string, runId: string): string {
  return join(dir, 'runs', `run-${hash(runId)}.ref`);
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content);
  await rename(temp, file);
}
