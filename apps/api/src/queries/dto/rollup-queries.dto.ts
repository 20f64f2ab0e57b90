import type { RollupParams, RollupScope, TopRollupsParams } from '@orch/contracts';
import { IsIn } from 'class-validator';
import { ConsistencyDto } from './read-your-writes.dto';
import { OptionalInt, OptionalText } from './query-fields';

const SCOPE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export class RollupDto extends ConsistencyDto implements RollupParams {
  @IsIn(['session', 'agent', 'tenant'])
  scope!: RollupScope;

  /** A session or agent id (a UUID), or the tenant's id; required unless the scope is `tenant`. */
  @OptionalText(100, SCOPE_ID)
  id?: string;
}

export class TopRollupsDto extends ConsistencyDto implements TopRollupsParams {
  @IsIn(['session', 'agent'])
  scope!: 'session' | 'agent';

  @OptionalInt(1, 100)
  limit?: number;
}
