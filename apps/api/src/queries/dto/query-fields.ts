import { applyDecorators } from '@nestjs/common';
import { isCursor } from '@orch/read-models';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';

/**
 * Query-string fields arrive as strings (or arrays of them when repeated). These decorators turn
 * them into the contract's types and validate them strictly; a value that does not convert is
 * left as it came, so the validator names the field instead of the transform guessing.
 */
const toInteger = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value);

/** `a,b` and `a&…&a=b` both mean [a, b]; empty items are dropped. */
const toList = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === null) return value;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]));
  return parts.filter((part) => part !== '');
};

export const RequiredInt = (min: number, max: number): PropertyDecorator => applyDecorators(Transform(toInteger), IsInt(), Min(min), Max(max));

export const OptionalInt = (min: number, max: number): PropertyDecorator => applyDecorators(IsOptional(), RequiredInt(min, max));

/** A global position (or a stream revision): a non-negative safe integer. */
export const OptionalPosition = (): PropertyDecorator => OptionalInt(0, Number.MAX_SAFE_INTEGER);

export const OptionalList = (allowed: readonly (string | number)[], maxItems = 20): PropertyDecorator =>
  applyDecorators(IsOptional(), Transform(toList), ArrayMinSize(1), ArrayMaxSize(maxItems), IsIn([...allowed], { each: true }));

export const OptionalIntList = (min: number, max: number, maxItems = 20): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Transform((params) => {
      const list = toList(params);
      return Array.isArray(list) ? list.map((value: unknown) => toInteger({ value })) : list;
    }),
    ArrayMinSize(1),
    ArrayMaxSize(maxItems),
    IsInt({ each: true }),
    Min(min, { each: true }),
    Max(max, { each: true }),
  );

export const OptionalPatternList = (pattern: RegExp, maxLength: number, maxItems = 20): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Transform(toList),
    ArrayMinSize(1),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    MaxLength(maxLength, { each: true }),
    Matches(pattern, { each: true }),
  );

export const OptionalText = (maxLength: number, pattern?: RegExp): PropertyDecorator =>
  applyDecorators(IsOptional(), IsString(), MaxLength(maxLength), ...(pattern ? [Matches(pattern)] : []));

export const OptionalOneOf = (allowed: readonly string[]): PropertyDecorator => applyDecorators(IsOptional(), IsIn([...allowed]));

export const OptionalTime = (): PropertyDecorator => applyDecorators(IsOptional(), IsISO8601({ strict: true, strictSeparator: true }));

/** An opaque cursor this api handed out (its list is checked when it is decoded). */
export const OptionalCursor = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    ValidateBy({
      name: 'cursor',
      validator: { validate: (value: unknown) => isCursor(value), defaultMessage: () => 'cursor must be a cursor from a previous page' },
    }),
  );

export const ORDERS = ['asc', 'desc'] as const;
