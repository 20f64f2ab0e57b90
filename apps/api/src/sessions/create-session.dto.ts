import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class RepositoryDto {
  @IsString()
  @Length(1, 2048)
  source!: string;

  @IsOptional()
  @IsString()
  @Length(1, 255)
  baseRef?: string;
}

export class AgentPreferenceDto {
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agentType?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  agentIds?: string[];
}

/** Shape and size at the edge; the Session decider checks every DOMAIN.md §2.1 rule. */
export class CreateSessionDto {
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @IsString()
  @MaxLength(1000)
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(8000)
  description?: string;

  @IsString()
  @MaxLength(40000)
  prompt!: string;

  @IsOptional()
  @IsIn(['planning', 'execution', 'review', 'debug', 'integration'])
  sessionType?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(4)
  priority?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  tags?: string[];

  @IsOptional()
  @IsUUID()
  parentId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => RepositoryDto)
  repository?: RepositoryDto;

  @IsOptional()
  @IsInt()
  maxDurationSeconds?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  budgetUsd?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  cpuLimit?: number;

  @IsOptional()
  @IsInt()
  memoryLimitMb?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  modelIdentifier?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AgentPreferenceDto)
  agentPreference?: AgentPreferenceDto;

  /** `{mode: template|explicit|agent, ...}`; validated by the planning rules (PLAN.* codes). */
  @IsOptional()
  @IsObject()
  planning?: Record<string, unknown>;
}
