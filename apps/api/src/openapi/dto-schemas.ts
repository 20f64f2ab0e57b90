import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Schema = Record<string, unknown>;
/** A DTO class as class-validator keys its rules. */
type Target = abstract new (...args: never[]) => unknown;

/**
 * JSON schemas of the request DTOs from their class-validator decorators (the rules the api
 * enforces), so the OpenAPI document describes bodies and queries without a second set of
 * annotations to keep in step: each property's type, format, enum, bounds and whether it is required.
 */
export function dtoSchemas(): Map<string, Schema> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Target, ValidationMetadata[]> | ValidationMetadata[] };
  const byTarget = new Map<Target, ValidationMetadata[]>();
  const all = storage.validationMetadatas instanceof Map ? [...storage.validationMetadatas.values()].flat() : storage.validationMetadatas;
  for (const meta of all) {
    if (typeof meta.target !== 'function') continue;
    const target = meta.target as Target;
    byTarget.set(target, [...(byTarget.get(target) ?? []), meta]);
  }
  const schemas = new Map<string, Schema>();
  for (const target of byTarget.keys()) schemas.set(target.name, schemaOf(target, collect(target, byTarget)));
  return schemas;
}

/** A class's own rules and those of the classes it extends. */
function collect(target: Target, byTarget: Map<Target, ValidationMetadata[]>): ValidationMetadata[] {
  const metas: ValidationMetadata[] = [];
  for (let current: unknown = target; typeof current === 'function' && current !== Function.prototype; current = Object.getPrototypeOf(current)) {
    metas.push(...(byTarget.get(current as Target) ?? []));
  }
  return metas;
}

function schemaOf(target: Target, metas: readonly ValidationMetadata[]): Schema {
  const properties: Record<string, Schema> = {};
  const optional = new Set<string>();
  for (const meta of metas) {
    const property = (properties[meta.propertyName] ??= {});
    if (meta.type === 'conditionalValidation') optional.add(meta.propertyName);
    const rule = ruleFor(meta);
    if (!rule) continue;
    if (meta.each) {
      property['type'] = 'array';
      property['items'] = { ...((property['items'] as Schema | undefined) ?? {}), ...rule };
    } else Object.assign(property, rule);
  }
  const required = Object.keys(properties).filter((name) => !optional.has(name));
  return { type: 'object', title: target.name, properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

const SIMPLE: Readonly<Record<string, Schema>> = {
  isString: { type: 'string' },
  isNotEmpty: {},
  isInt: { type: 'integer' },
  isNumber: { type: 'number' },
  isPositive: { exclusiveMinimum: 0 },
  isBoolean: { type: 'boolean' },
  isArray: { type: 'array' },
  isObject: { type: 'object' },
  isUUID: { type: 'string', format: 'uuid' },
  isUrl: { type: 'string', format: 'uri' },
  isISO8601: { type: 'string', format: 'date-time' },
  isDateString: { type: 'string', format: 'date-time' },
};

function ruleFor(meta: ValidationMetadata): Schema | undefined {
  if (meta.type === 'nestedValidation') return { type: 'object' };
  const name = meta.name ?? '';
  const [first] = (meta.constraints ?? []) as unknown[];
  if (name in SIMPLE) return SIMPLE[name];
  switch (name) {
    case 'isIn':
    case 'isEnum':
      return Array.isArray(first) ? { enum: first } : typeof first === 'object' && first !== null ? { enum: Object.values(first) } : undefined;
    case 'maxLength':
      return { maxLength: first };
    case 'minLength':
      return { minLength: first };
    case 'max':
      return { maximum: first };
    case 'min':
      return { minimum: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'arrayMinSize':
      return { minItems: first };
    case 'arrayNotEmpty':
      return { minItems: 1 };
    case 'matches':
      return first instanceof RegExp ? { pattern: first.source } : undefined;
    default:
      return meta.message === undefined && typeof meta.name === 'string' ? { description: `must satisfy ${meta.name}` } : undefined;
  }
}
