import type { AgentListParams } from '@orch/contracts';
import { AGENT_STATUSES, TIERS, type AgentStatus, type Tier } from '@orch/domain-agent';
import { AGENT_TYPES, CAPABILITIES, type AgentType } from '@orch/kernel';
import { ConsistencyDto } from './read-your-writes.dto';
import { OptionalCursor, OptionalInt, OptionalList, OptionalOneOf } from './query-fields';

export class AgentListDto extends ConsistencyDto implements AgentListParams {
  @OptionalList(AGENT_STATUSES)
  status?: AgentStatus[];

  @OptionalList(AGENT_TYPES)
  type?: AgentType[];

  @OptionalList(TIERS)
  tier?: Tier[];

  @OptionalOneOf(CAPABILITIES)
  capability?: string;

  @OptionalCursor()
  cursor?: string;

  @OptionalInt(1, 200)
  limit?: number;
}
