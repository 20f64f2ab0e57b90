import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { OPERATION_LIMITS } from '@orch/domain-context';
import type { JsonValue } from '@orch/kernel';
import { LowercaseUuid, MaxCodePoints, RawJson } from './dto-fields';

const OPS = ['set', 'delete', 'merge'] as const;

/** `set` and `merge` carry a value (an object for `merge`); `delete` carries none. */
const OperationValue = (): PropertyDecorator =>
  ValidateBy({
    name: 'operationValue',
    validator: {
      validate: (value: unknown, args) => {
        const op = (args?.object as { op?: unknown }).op;
        if (op === 'delete') return value === undefined;
        if (op === 'merge') return typeof value === 'object' && value !== null && !Array.isArray(value);
        return value !== undefined;
      },
      defaultMessage: () => 'value must be any JSON value for set, an object for merge, and absent for delete',
    },
  });

export class ContextOperationDto {
  @IsIn(OPS)
  op!: (typeof OPS)[number];

  /** Longest valid path: 32 segments of 128 code points and 31 dots; the domain checks the syntax. */
  @MaxCodePoints(4200)
  path!: string;

  @OperationValue()
  @RawJson()
  value?: JsonValue;
}

export class WriteSourceDto {
  @LowercaseUuid()
  sessionId!: string;

  @Matches(/^[a-z][a-z0-9_-]{0,63}$/)
  taskId!: string;

  @IsInt()
  @Min(1)
  attempt!: number;
}

/** WriteContext (DOMAIN.md §5.2): shape and size here; paths, limits and versions in the domain. */
export class WriteContextDto {
  @IsInt()
  expectedVersion!: number;

  @IsArray()
  @ArrayMinSize(OPERATION_LIMITS.min)
  @ArrayMaxSize(OPERATION_LIMITS.max)
  @ValidateNested({ each: true })
  @Type(() => ContextOperationDto)
  operations!: ContextOperationDto[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WriteSourceDto)
  source?: WriteSourceDto;
}
