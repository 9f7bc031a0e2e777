import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { normalizeErrorBody } from './errors';

const UNIQUE_VIOLATION = '23505';

/**
 * A PostgreSQL unique violation (23505), wherever it comes from (a race between two requests
 * that both passed the service's own check), as a 409 naming the field(s): from the error's
 * detail, "Key (region_id, name)=(…) already exists." (an expression such as lower(email::text)
 * names its column). The scoping column region_id is left out when others remain.
 */
export function uniqueViolation(exception: unknown): object | undefined {
  const err = (exception instanceof QueryFailedError ? exception.driverError : exception) as
    { code?: unknown; detail?: unknown } | undefined;
  if (!err || typeof err !== 'object' || err.code !== UNIQUE_VIOLATION) return undefined;
  const detail = typeof err.detail === 'string' ? err.detail : '';
  const keys = /^Key \((.*?)\)=\(/.exec(detail)?.[1] ?? '';
  const columns = keys
    .split(',')
    .map((c) =>
      c
        .replace(/::\w+/g, '')
        .replace(/\w+\(/g, '')
        .replace(/[()"\s]/g, '')
        .replace(/_([a-z])/g, (_m, l: string) => l.toUpperCase()),
    )
    .filter(Boolean);
  const named = columns.filter((c) => c !== 'regionId');
  const fields = named.length ? named : columns;
  const message = fields.length
    ? `${fields.join(', ')} bestaat al`
    : 'Bestaat al: in strijd met een unieke waarde';
  return {
    message,
    errors: fields.map((field) => ({ field, code: 'unique', message: `${field} bestaat al` })),
  };
}

/** The 4xx status of a body-parser error (its `type` says which), bare or as an HttpException's cause. */
function bodyParserStatus(exception: unknown): number | undefined {
  const error = exception instanceof HttpException ? exception.cause : exception;
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  return typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500
    ? status
    : undefined;
}

/**
 * One error shape (ErrorResponseDto): every HttpException's body, whatever shape a service gave
 * it, is normalised here. Anything else becomes a generic 500 with a correlation id that is also
 * logged, so no stack trace or data reaches the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    // body-parser's malformed JSON and too-large bodies carry a 4xx status of their own; NestJS 12
    // wraps them in an HttpException with body-parser's English message, so they are unwrapped.
    const parserStatus = bodyParserStatus(exception);
    if (parserStatus !== undefined) {
      const message =
        parserStatus === HttpStatus.PAYLOAD_TOO_LARGE
          ? 'Verzoek te groot'
          : 'De inhoud van het verzoek is geen geldige JSON';
      res.status(parserStatus).json(normalizeErrorBody(parserStatus, { message }));
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      res
        .status(status)
        .json(status >= 400 && status < 500 ? normalizeErrorBody(status, body) : body);
      return;
    }
    const unique = uniqueViolation(exception);
    if (unique) {
      res.status(HttpStatus.CONFLICT).json(normalizeErrorBody(HttpStatus.CONFLICT, unique));
      return;
    }
    const correlationId = randomUUID();
    const err = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(`${correlationId} ${err.name}: ${err.message}`, err.stack);
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: 500,
      message: 'Internal server error',
      correlationId,
    });
  }
}
