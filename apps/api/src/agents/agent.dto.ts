import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';

export class RuntimeDto {
  @IsString()
  @MaxLength(32)
  kind!: string;

  /** Kind-specific; checked by the agent domain (AGENT.RUNTIME_CONFIG_INVALID). Secrets only as `secret:<name>`. */
  @IsObject()
  config!: Record<string, unknown>;
}

/** Shape and size at the edge; DOMAIN.md §4.1 rules are the agent decider's. */
export class RegisterAgentDto {
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @IsString()
  @MaxLength(400)
  name!: string;

  @IsString()
  @MaxLength(32)
  agentType!: string;

  @IsArray()
  @ArrayMaxSize(26)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  primaryCapabilities!: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(26)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  secondaryCapabilities?: string[];

  @ValidateNested()
  @Type(() => RuntimeDto)
  runtime!: RuntimeDto;

  @IsOptional()
  @IsInt()
  capacity?: number;

  @IsOptional()
  @IsString()
  @MaxLength(400)
  model?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class UpdateAgentDto {
  @IsOptional()
  @IsInt()
  capacity?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(26)
  @IsString({ each: true })
  primaryCapabilities?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(26)
  @IsString({ each: true })
  secondaryCapabilities?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(400)
  model?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => RuntimeDto)
  runtime?: RuntimeDto;
}
