import type { JournalHeader } from './run-journal';
import type { RunRecorder } from './run-recorder';
import { OpencodeCallError, type SessionClient } from './session-client';

/** Sends of a run's prompt whose connection failed before any answer, the first included. */
const PROMPT_ATTEMPTS = 3;
/** How long a run looks for its prompt in the session after such a failure before it sends it again. */
const PROMPT_SETTLE_MS = 5_000;
const PROMPT_LOOK_EVERY_MS = 250;

/**
 * A run's instructions, sent once to its OpenCode session: the prompt's text part is marked with
 * the run id, and every send first looks for that mark, so a repeated send (a restart, a
 * reconcile, a retry) never doubles it. Journaled as `prompted` once sent.
 */
export class RunPrompt {
  constructor(
    private readonly session: SessionClient,
    private readonly header: JournalHeader,
    private readonly recorder: RunRecorder,
    private readonly onError: (message: string, error: unknown) => void,
    private sent: boolean,
  ) {}

  async send(): Promise<void> {
    if (this.sent) return;
    if (!(await this.inSession())) await this.session.prompt(this.header.instructions, this.header.prompt, { orchRunId: this.header.runId });
    await this.markSent();
  }

  /**
   * A send whose connection failed before any answer (a reset keep-alive socket, say) may or may
   * not have reached OpenCode, and OpenCode answers `prompt_async` before it stores the message:
   * the run looks for its marked prompt for PROMPT_SETTLE_MS before it sends it again. Timeouts
   * and answers (4xx, 5xx) are not retried.
   */
  async sendThroughResets(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send();
      } catch (error) {
        if (!(error instanceof OpencodeCallError && error.lostInTransit) || attempt === PROMPT_ATTEMPTS) throw error;
        this.onError(`sending the prompt of ${this.header.runtimeRef} (looking for it for ${PROMPT_SETTLE_MS} ms, then sending it again)`, error);
        if (await this.arrives()) return this.markSent();
      }
    }
  }

  /** Whether the marked prompt shows up in the session within PROMPT_SETTLE_MS. */
  private async arrives(): Promise<boolean> {
    const until = Date.now() + PROMPT_SETTLE_MS;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, PROMPT_LOOK_EVERY_MS));
      if (await this.inSession().catch(() => false)) return true;
    }
    return false;
  }

  private async inSession(): Promise<boolean> {
    return (await this.session.messages()).some((m) => m.parts.some((p) => p.type === 'text' && p.metadata?.['orchRunId'] === this.header.runId));
  }

  private async markSent(): Promise<void> {
    await this.recorder.note({ t: 'prompted' });
    this.sent = true;
  }
}
