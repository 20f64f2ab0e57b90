import type { Clock } from '@orch/application';
import type { LiveHandshakeError } from '@orch/contracts';
import type { Socket } from 'socket.io';
import type { ApiKeyDirectory } from '../auth/api-key-directory';
import type { Principal } from '../auth/principal';

export interface LiveSocketData {
  principal: Principal;
  /** Per room: aborts that room's catch-up when it is left or subscribed again. */
  subscriptions: Map<string, AbortController>;
}

export type LiveSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, LiveSocketData>;

/** The same secret syntax the HTTP guard accepts: `auth.token`, or `Authorization: Bearer <key>`. */
function secretOf(socket: Socket): string | undefined {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token === 'string' && /^\S{1,200}$/.test(token)) return token;
  return /^Bearer (\S{1,200})$/.exec(socket.handshake.headers.authorization ?? '')?.[1];
}

class HandshakeRefused extends Error {
  constructor(readonly data: LiveHandshakeError | { status: 403; code: 'AUTH.FORBIDDEN'; message: string }) {
    super(data.message);
  }
}

/**
 * socket.io middleware: a connection needs an API key of the same directory (and hashing) as
 * HTTP. A refusal reaches the client as `connect_error` with the reason in `message` and `data`.
 * Agent keys are refused: agents follow their own tasks through the External Agent Protocol.
 */
export function authenticateSocket(directory: ApiKeyDirectory, clock: Clock) {
  return (socket: Socket, next: (error?: Error) => void): void => {
    const secret = secretOf(socket);
    if (!secret) {
      next(refused(401, 'An API key is required: auth.token or Authorization: Bearer <key>'));
      return;
    }
    directory.find(secret, clock.now()).then(
      (principal) => {
        if (!principal) return next(refused(401, 'The API key is unknown, revoked or expired'));
        if (principal.role === 'agent') return next(refused(403, 'Agent keys cannot subscribe to live rooms'));
        const data = socket.data as LiveSocketData;
        data.principal = principal;
        data.subscriptions = new Map();
        next();
      },
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  };
}

function refused(status: 401 | 403, message: string): HandshakeRefused {
  return new HandshakeRefused(
    status === 401 ? { status, code: 'AUTH.UNAUTHENTICATED', message } : { status, code: 'AUTH.FORBIDDEN', message },
  );
}
