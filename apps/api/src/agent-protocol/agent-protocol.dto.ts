import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';

/** `waitMs`: how long the long poll may wait for a task (the server caps it at 30 s). */
export class NextTaskQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  waitMs?: number;
}

/** Non-negative increments since the agent's previous report. */
export class UsageDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  tokensIn?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  tokensOut?: number;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 6 })
  @Min(0)
  @Max(10_000)
  costUsd?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  apiCalls?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  apiErrors?: number;
}

export class ToolDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(50)
  status!: string;
}

export class ProgressDto {
  /** Cut to 8000 code points. */
  @IsOptional()
  @IsString()
  @MaxLength(32_000)
  message?: string;

  @IsOptional()
  @IsIn(['text', 'reasoning', 'tool', 'status'])
  kind?: 'text' | 'reasoning' | 'tool' | 'status';

  @IsOptional()
  @ValidateNested()
  @Type(() => ToolDto)
  tool?: ToolDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => UsageDto)
  usage?: UsageDto;
}

/** A relative, `/`-separated path inside the task's directory: no leading `/`, no `..`, no backslash. */
const RELATIVE_PATH = /^(?!\/)(?!.*\\)(?!(?:.*\/)?\.\.(?:\/|$))[^\0]{1,1024}$/;

export class ResultDto {
  @IsIn(['completed', 'failed'])
  status!: 'completed' | 'failed';

  /** completed: what was done (cut to 4000 code points). */
  @ValidateIf((result: ResultDto) => result.status === 'completed')
  @IsString()
  @Matches(/\S/, { message: 'summary must not be blank' })
  @MaxLength(16_000)
  summary?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Matches(RELATIVE_PATH, { each: true, message: 'each of filesChanged must be a relative path inside the working directory' })
  filesChanged?: string[];

  /** When the agent committed its work itself (40 or 64 lowercase hex). */
  @IsOptional()
  @Matches(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/)
  commitSha?: string;

  /** failed: why (cut to 2000 code points). */
  @ValidateIf((result: ResultDto) => result.status === 'failed')
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(8_000)
  reason?: string;

  /** failed: whether the engine should retry the task (on another attempt). */
  @ValidateIf((result: ResultDto) => result.status === 'failed')
  @IsBoolean()
  retryable?: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => UsageDto)
  usage?: UsageDto;
}
