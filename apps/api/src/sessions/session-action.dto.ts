import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

/** Every operator action carries a reason (DOMAIN.md §1); its 1..500 rule is the domain's. */
export class ReasonDto {
  @IsString()
  @MaxLength(2000)
  reason!: string;
}

export class InjectPromptDto extends ReasonDto {
  @IsOptional()
  @IsUUID()
  injectionId?: string;

  @IsString()
  @Length(1, 40000)
  text!: string;

  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{0,63}$/)
  taskId?: string;
}

export class ChangeBudgetDto extends ReasonDto {
  @ValidateIf((body: ChangeBudgetDto) => body.budgetUsd !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  budgetUsd!: number | null;
}

export class ReassignTaskDto extends ReasonDto {
  @IsOptional()
  @IsUUID()
  agentId?: string;
}

export class ReplacePlanDto extends ReasonDto {
  /** TaskSpecs; every rule is the planning domain's (PLAN.* codes). */
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  tasks!: Record<string, unknown>[];
}

/** An operator's answer to an agent's permission request. */
export class PermissionAnswerDto extends ReasonDto {
  @IsIn(['allow', 'deny'])
  answer!: 'allow' | 'deny';
}
