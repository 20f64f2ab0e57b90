import type { SessionListParams, TaskOutputParams, TimelineParams } from '@orch/contracts';
import { SESSION_STATUSES, type SessionStatus } from '@orch/domain-session';
import { ConsistencyDto } from './read-your-writes.dto';
import { OptionalCursor, OptionalInt, OptionalIntList, OptionalList, OptionalOneOf, OptionalPatternList, OptionalPosition, OptionalText, ORDERS } from './query-fields';

const TAG = /^[a-z0-9][a-z0-9._:-]*$/;

export class SessionListDto extends ConsistencyDto implements SessionListParams {
  @OptionalList(SESSION_STATUSES)
  status?: SessionStatus[];

  @OptionalIntList(0, 4)
  priority?: number[];

  @OptionalPatternList(TAG, 50)
  tag?: string[];

  @OptionalText(200)
  text?: string;

  @OptionalCursor()
  cursor?: string;

  @OptionalInt(1, 200)
  limit?: number;
}

/** `after`/`before` are global positions; the page is ordered by them. */
export class PositionRangeDto extends ConsistencyDto {
  @OptionalPosition()
  after?: number;

  @OptionalPosition()
  before?: number;

  @OptionalOneOf(ORDERS)
  order?: 'asc' | 'desc';

  @OptionalInt(1, 500)
  limit?: number;
}

export class TimelineDto extends PositionRangeDto implements TimelineParams {}

export class TaskOutputDto extends ConsistencyDto implements TaskOutputParams {
  @OptionalInt(1, 1000)
  attempt?: number;

  /** A revision of the session's output stream. */
  @OptionalPosition()
  after?: number;

  @OptionalInt(1, 500)
  limit?: number;
}
