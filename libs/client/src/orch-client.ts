import type { EventStreamQuery } from '@orch/contracts';
import { agentCommands, contextCommands, keyCommands, sessionCommands } from './commands';
import { streamEvents, type EventStreamOptions } from './event-stream';
import { LiveConnection, type LiveConnectionOptions } from './live-connection';
import { queryApi } from './queries';
import { Transport, type ClientOptions } from './transport';
import { webhookApi } from './webhooks';

/**
 * The integrators' SDK: typed commands and queries, webhooks, the SSE feed as a resuming async iterator and
 * the socket gateway with resubscription. See libs/client/README.md.
 */
export class OrchClient {
  readonly http: Transport;
  readonly sessions: ReturnType<typeof sessionCommands>;
  readonly agents: ReturnType<typeof agentCommands>;
  readonly contexts: ReturnType<typeof contextCommands>;
  readonly keys: ReturnType<typeof keyCommands>;
  readonly webhooks: ReturnType<typeof webhookApi>;
  /** The read side: sessions, tasks, timelines, agents, contexts, the event log, audit, roll-ups. */
  readonly query: ReturnType<typeof queryApi>;

  constructor(options: ClientOptions) {
    this.http = new Transport(options);
    this.sessions = sessionCommands(this.http);
    this.agents = agentCommands(this.http);
    this.contexts = contextCommands(this.http);
    this.keys = keyCommands(this.http);
    this.webhooks = webhookApi(this.http);
    this.query = queryApi(this.http);
  }

  /** The tenant's events as they are recorded; see streamEvents. */
  events(query: EventStreamQuery = {}, options: EventStreamOptions = {}) {
    return streamEvents(this.http, query, options);
  }

  /** A socket.io connection to the live gateway; close it when done. */
  live(options: LiveConnectionOptions = {}): LiveConnection {
    return new LiveConnection(this.http, options);
  }
}
