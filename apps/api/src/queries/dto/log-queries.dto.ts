import type { AuditParams, EventLogParams } from '@orch/contracts';
import { OptionalOneOf, OptionalPatternList, OptionalText, OptionalTime } from './query-fields';
import { PositionRangeDto } from './session-queries.dto';

const STREAM = /^[a-z][a-z0-9]*-[A-Za-z0-9._:-]{1,200}$/;
const CATEGORY = /^[a-z][a-z0-9]{0,49}$/;
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]*$/;
const ACTOR = /^(user|agent|system):[A-Za-z0-9._:-]{1,100}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class EventLogDto extends PositionRangeDto implements EventLogParams {
  @OptionalText(260, STREAM)
  stream?: string;

  @OptionalText(50, CATEGORY)
  category?: string;

  @OptionalPatternList(EVENT_TYPE, 100)
  type?: string[];

  @OptionalText(110, ACTOR)
  actor?: string;

  @OptionalOneOf(['user', 'agent', 'system'])
  actorKind?: 'user' | 'agent' | 'system';

  @OptionalText(100, CORRELATION_ID)
  correlationId?: string;

  @OptionalTime()
  since?: string;

  @OptionalTime()
  until?: string;
}

export class AuditDto extends PositionRangeDto implements AuditParams {
  @OptionalText(110, ACTOR)
  actor?: string;

  @OptionalText(36, UUID)
  apiKeyId?: string;

  @OptionalText(100, EVENT_TYPE)
  commandType?: string;

  @OptionalText(260, STREAM)
  stream?: string;

  @OptionalTime()
  since?: string;

  @OptionalTime()
  until?: string;
}
