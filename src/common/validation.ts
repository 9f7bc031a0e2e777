import {
  applyDecorators,
  ArgumentMetadata,
  BadRequestException,
  PipeTransform,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDateString, Matches, ValidateIf } from 'class-validator';
import { dutchConstraint } from './errors';

/**
 * For PATCH bodies: like @IsOptional(), but only an absent property skips the checks. @IsOptional()
 * lets null through unchecked, and null in a NOT NULL column was a 500; now it is a 400. (The same
 * as PartialType's `skipNullProperties: false`.)
 */
export const IsOptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined);

/**
 * A calendar date, 2027-06-21, for a `date` column: a real one (strict), and without a time (a time
 * with an offset was accepted and stored as its date in another zone).
 */
export const IsDateOnly = (each = false): PropertyDecorator =>
  applyDecorators(
    IsDateString({ strict: true }, { each }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, {
      each,
      message: '$property: een datum als 2027-06-21 (zonder tijd)',
    }),
  );

/**
 * null in a body means the field's empty value ('' or []): a PATCH clears it, as in a JSON merge
 * patch, and its NOT NULL column keeps a value. Runs before validation, only for keys that are sent.
 */
export const NullAsEmpty = (empty: () => string | string[]): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === null ? empty() : value));

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * One item per field, in Dutch; its code names the first broken constraint (isInt, min…), its
 * message says every one.
 */
function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const entries = Object.entries(e.constraints ?? {});
    const own = entries.length
      ? [
          {
            field,
            code: entries[0][0] === 'whitelistValidation' ? 'unknownField' : entries[0][0],
            message: entries.map(([, m]) => dutchConstraint(m)).join('; '),
          },
        ]
      : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** A 400 for one field, in the one error shape (src/common/errors.ts). */
export function fieldError(field: string, message: string, code = 'invalid'): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    code: 'invalid_input',
    message,
    errors: [{ field, code, message }],
  });
}

/** whitelist + forbidNonWhitelisted + transform; 400 with one entry per broken constraint. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        statusCode: 400,
        code: 'invalid_input',
        message: 'Ongeldige invoer: controleer de genoemde velden',
        errors: flatten(errors),
      }),
  });
}

/** Deeper than any body or query here; class-transformer overflowed its stack on ~2000 levels. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Runs before the validation pipe, on bodies (also a CSV text body), query strings and path
 * parameters: refuses a NUL character in any string (PostgreSQL cannot store one in text: it was
 * a 500) and nesting deeper than MAX_INPUT_DEPTH (a stack overflow: a 500, even before log-in).
 */
export class InputSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom') check(value, metadata.data ?? '', 0);
    return value;
  }
}

function check(value: unknown, path: string, depth: number): void {
  const field = path || 'body';
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      throw fieldError(field, `${field}: bevat een NUL-teken (\\u0000)`);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_INPUT_DEPTH) {
    throw fieldError(field, `${field}: te diep genest (meer dan ${MAX_INPUT_DEPTH} niveaus)`);
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => check(v, `${path}[${i}]`, depth + 1));
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) throw fieldError(field, `${field}: een veldnaam bevat een NUL-teken`);
    check(v, path ? `${path}.${k}` : k, depth + 1);
  }
}
