import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationProblem, type FieldError } from './problem-details.filter';

/** Strict DTOs: unknown fields are rejected, every failing field is named (DESIGN.md §7). */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(flatten(errors, '')),
  });
}

function flatten(errors: readonly ValidationError[], parent: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown' : rule,
      message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
