import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { MERGE_STRATEGIES, type MergeStrategy } from '@orch/domain-context';
import { LowercaseUuid } from './dto-fields';

/** MergeContext (DOMAIN.md §5.3): the source is read at `sourceVersion`, default its latest. */
export class MergeContextsDto {
  @LowercaseUuid()
  targetContextId!: string;

  @LowercaseUuid()
  sourceContextId!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  sourceVersion?: number;

  @IsInt()
  expectedVersion!: number;

  @IsIn(MERGE_STRATEGIES)
  strategy!: MergeStrategy;
}

export class ShareContextDto {
  @LowercaseUuid()
  targetSessionId!: string;
}

/** No fields: an empty object, and any field is rejected as unknown. */
export class PromoteContextDto {}
