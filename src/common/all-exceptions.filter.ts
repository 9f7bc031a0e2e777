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
import { normalizeErrorBody } from './errors';

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
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      res
        .status(status)
        .json(status >= 400 && status < 500 ? normalizeErrorBody(status, body) : body);
      return;
    }
    // body-parser's malformed JSON and too-large bodies carry a 4xx status of their own.
    const status = (exception as { status?: number })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message =
        status === HttpStatus.PAYLOAD_TOO_LARGE
          ? 'Verzoek te groot'
          : 'De inhoud van het verzoek is geen geldige JSON';
      res.status(status).json(normalizeErrorBody(status, { message }));
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
