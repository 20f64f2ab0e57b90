import type { PermissionAnswer, PermissionAnswerResult, PermissionRequest } from '@orch/application';

type Waiting = { readonly request: PermissionRequest; readonly resolve: (answer: PermissionAnswer | 'ended') => void };

/** Where a scripted run waits for one permission answer at a time. */
export class PermissionGate {
  private waiting: Waiting | undefined;
  private readonly answered = new Set<string>();
  private closed = false;

  get pending(): PermissionRequest | undefined {
    return this.waiting?.request;
  }

  /** Resolves with the answer, or `ended` when the run ends first. */
  open(request: PermissionRequest): Promise<PermissionAnswer | 'ended'> {
    if (this.closed) return Promise.resolve('ended');
    return new Promise((resolve) => {
      this.waiting = { request, resolve };
    });
  }

  answer(requestId: string, answer: PermissionAnswer): Exclude<PermissionAnswerResult, 'ended'> {
    if (this.answered.has(requestId)) return 'already_answered';
    const waiting = this.waiting;
    if (waiting?.request.requestId !== requestId) return 'unknown_request';
    this.answered.add(requestId);
    this.waiting = undefined;
    waiting.resolve(answer);
    return 'accepted';
  }

  close(): void {
    this.closed = true;
    this.waiting?.resolve('ended');
    this.waiting = undefined;
  }
}
