import { Inject, ServiceUnavailableException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError, type ErrorCode } from '@orch/kernel';
import type { QueryFeature, ReadModelQueries } from '@orch/read-models';
import { READ_SIDE } from '../infrastructure/tokens';
import type { ReadSide } from '../read-side/read-side';

export interface NotFound {
  readonly code: Extract<ErrorCode, `${string}.NOT_FOUND`>;
  readonly id: string;
}

/**
 * The query bus message of every read-model endpoint: which feature's projections it reads (for
 * read-your-writes), the caller's `minPosition`, the query itself, and what an absent answer means.
 * Like ExecuteDomainCommand for commands: one message, one handler, the same rules everywhere.
 */
export class ReadModelQuery<T> extends Query<T> {
  constructor(
    readonly feature: QueryFeature,
    readonly minPosition: number | undefined,
    readonly run: (queries: ReadModelQueries) => Promise<T | undefined>,
    readonly notFound?: NotFound,
  ) {
    super();
  }
}

/** Waits for the projections (bounded; 503 PROJECTION.NOT_CAUGHT_UP past it), then asks the read models. */
@QueryHandler(ReadModelQuery)
export class ReadModelQueryHandler implements IQueryHandler<ReadModelQuery<unknown>> {
  constructor(@Inject(READ_SIDE) private readonly readSide: ReadSide) {}

  async execute(query: ReadModelQuery<unknown>): Promise<unknown> {
    await this.readSide.reach(query.feature, query.minPosition);
    const answer = await query.run(this.readSide.queries).catch(unmigrated);
    if (answer !== undefined) return answer;
    const missing = query.notFound;
    // Lists always answer; only a query by id may come back empty, and it says what is missing.
    if (!missing) throw new Error(`a ${query.feature} query answered nothing`);
    throw new DomainError(missing.code, `${missing.code.split('.')[0]?.toLowerCase()} ${missing.id} not found`, { id: missing.id });
  }
}

const UNDEFINED_TABLE = '42P01';

/** With ROLES=api the schema belongs to the projector process; until it has migrated, queries are unavailable, not broken. */
function unmigrated(error: unknown): never {
  if ((error as { code?: unknown }).code === UNDEFINED_TABLE) throw new ServiceUnavailableException('The read models are not migrated yet; retry shortly');
  throw error;
}
