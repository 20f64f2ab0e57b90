import { IsIn, IsInt, IsObject, IsOptional } from 'class-validator';
import { CONTEXT_SCOPES, type ContextScope } from '@orch/domain-context';
import type { JsonObject } from '@orch/kernel';
import { LowercaseUuid, RawJson } from './dto-fields';

/** CreateContext (DOMAIN.md §5.1): the owner rules, TTL range and document limits are the domain's. */
export class CreateContextDto {
  /** Default: derived from the command id, so an Idempotency-Key repeat names the same context. */
  @IsOptional()
  @LowercaseUuid()
  contextId?: string;

  @IsIn(CONTEXT_SCOPES)
  scope!: ContextScope;

  @IsOptional()
  @LowercaseUuid()
  sessionId?: string;

  @IsOptional()
  @LowercaseUuid()
  agentId?: string;

  @IsOptional()
  @IsObject()
  @RawJson()
  document?: JsonObject;

  @IsOptional()
  @IsInt()
  ttlSeconds?: number;
}
