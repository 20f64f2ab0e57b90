import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sessionStateAt, type EventStore, type SessionStateAt } from '@orch/application';
import { EVENT_STORE } from '../infrastructure/tokens';

export class GetSessionStateAt extends Query<SessionStateAt> {
  constructor(
    readonly tenantId: string,
    readonly sessionId: string,
    readonly revision?: number,
  ) {
    super();
  }
}

@QueryHandler(GetSessionStateAt)
export class GetSessionStateAtHandler implements IQueryHandler<GetSessionStateAt> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(query: GetSessionStateAt): Promise<SessionStateAt> {
    return sessionStateAt(this.store, query.tenantId, query.sessionId, query.revision);
  }
}
