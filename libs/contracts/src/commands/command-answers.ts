import type { CommandAnswer } from '../problem';

/** `POST /keys`: the secret appears in this answer only. */
export interface IssuedKey extends CommandAnswer {
  readonly key: string;
  readonly prefix: string;
}

/** `POST /agents` and `POST /agents/:id/rotate-token`: an http agent's token, shown once. */
export interface AgentAnswer extends CommandAnswer {
  readonly token?: string;
}
