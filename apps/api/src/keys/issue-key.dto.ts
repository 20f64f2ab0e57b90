import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { API_KEY_ROLES, type ApiKeyRole } from '@orch/domain-access';

export class IssueKeyDto {
  @IsString()
  @Length(1, 100)
  name!: string;

  @IsIn(API_KEY_ROLES)
  role!: ApiKeyRole;

  @IsOptional()
  @IsUUID()
  agentId?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class RevokeKeyDto {
  @IsString()
  @Length(1, 500)
  reason!: string;
}
