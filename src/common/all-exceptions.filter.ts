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

/**
 * One error shape. HttpExceptions pass through as they are; anything else becomes a generic 500
 * with a correlation id that is also logged, so no stack trace or data reaches the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      res
        .status(exception.getStatus())
        .json(
          typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body,
        );
      return;
    }
    // body-parser's malformed JSON and too-large bodies carry a 4xx status of their own.
    const status = (exception as { status?: number })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message =
        status === HttpStatus.PAYLOAD_TOO_LARGE
          ? 'Request body too large / verzoek te groot'
          : 'Malformed request body';
      res.status(status).json({ statusCode: status, message });
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
