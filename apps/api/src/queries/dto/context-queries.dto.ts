import type { ContextDiffParams, ContextVersionsParams } from '@orch/contracts';
import { ConsistencyDto } from './read-your-writes.dto';
import { OptionalCursor, OptionalInt, RequiredInt } from './query-fields';

const MAX_VERSION = 2_147_483_647;

export class ContextVersionsDto extends ConsistencyDto implements ContextVersionsParams {
  @OptionalCursor()
  cursor?: string;

  @OptionalInt(1, 200)
  limit?: number;
}

export class ContextDiffDto extends ConsistencyDto implements ContextDiffParams {
  @RequiredInt(1, MAX_VERSION)
  from!: number;

  @RequiredInt(1, MAX_VERSION)
  to!: number;
}
