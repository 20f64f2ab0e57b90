import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID, ValidateBy, type ValidationOptions } from 'class-validator';

/** A UUID, stored lowercase (ids are lowercase; stream names must not differ by case). */
export const LowercaseUuid = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value)),
    IsUUID(),
  );

/**
 * Keeps the JSON value exactly as parsed: class-transformer would otherwise rebuild nested objects
 * (and treat keys such as `__proto__` specially). The domain checks keys, depth and size.
 */
export const RawJson = (): PropertyDecorator =>
  Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => obj[key], { toClassOnly: true });

/** At most `max` Unicode code points (DOMAIN.md counts text in code points, not UTF-16 units). */
export const MaxCodePoints = (max: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'maxCodePoints',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && [...value].length <= max,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a string of at most ${max} characters`,
      },
    },
    options,
  );
