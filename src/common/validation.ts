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
 * a 500), a string that is not valid UTF-16 (a lone surrogate: the e-mail check threw a URIError,
 * a 500), the keys __proto__, constructor and prototype anywhere (JSON.parse makes __proto__ an
 * own property; they passed the unknown-field check and were applied) and nesting deeper than
 * MAX_INPUT_DEPTH (a stack overflow: a 500, even before log-in).
 */
export class InputSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom') check(value, metadata.data ?? '', 0);
    return value;
  }
}

/** The same checks on a whole body or query (throws fieldError's 400); path names the field. */
export function checkInput(value: unknown, path = ''): void {
  check(value, path, 0);
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Keys that reach an object's prototype when assigned or merged. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

function check(value: unknown, path: string, depth: number): void {
  const field = path || 'body';
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      throw fieldError(field, `${field}: bevat een NUL-teken (\\u0000)`);
    if (LONE_SURROGATE.test(value))
      throw fieldError(field, `${field}: bevat ongeldige tekens (geen geldige UTF-16)`, 'encoding');
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
  // Object.keys lists an own __proto__ (as JSON.parse and the query parser make it).
  for (const k of Object.keys(value)) {
    if (k.includes('\u0000')) throw fieldError(field, `${field}: een veldnaam bevat een NUL-teken`);
    if (LONE_SURROGATE.test(k))
      throw fieldError(field, `${field}: een veldnaam bevat ongeldige tekens`, 'encoding');
    const sub = path ? `${path}.${k}` : k;
    if (FORBIDDEN_KEYS.has(k))
      throw fieldError(sub, `${sub}: deze veldnaam is niet toegestaan`, 'forbiddenKey');
    check((value as Record<string, unknown>)[k], sub, depth + 1);
  }
}
