import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { MAX_CSV_BYTES } from './offers.dto';

/**
 * Put before FileInterceptor('file'): turns multer's English errors into Dutch ones, so the
 * coordinator reads what went wrong with the upload.
 */
@Injectable()
export class CsvUploadErrorsInterceptor implements NestInterceptor {
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((e: unknown) => throwError(() => (e instanceof HttpException ? dutch(e) : e))),
      );
  }
}

function dutch(e: HttpException): HttpException {
  const message = String((e.getResponse() as { message?: unknown }).message ?? e.message);
  if (e instanceof PayloadTooLargeException) {
    return new PayloadTooLargeException({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `Het bestand is te groot: hoogstens ${MAX_CSV_BYTES / 1024 / 1024} MB`,
    });
  }
  if (
    e instanceof BadRequestException &&
    /Unexpected (file )?field|Too many|Field name/i.test(message)
  ) {
    return new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: "Stuur één CSV-bestand in het veld 'file'",
      errors: [{ field: 'file', messages: ["Stuur één CSV-bestand in het veld 'file'"] }],
    });
  }
  if (e instanceof BadRequestException && /Multipart|Unexpected end/i.test(message)) {
    return new BadRequestException('Het bestand kon niet worden gelezen (multipart-fout)');
  }
  return e;
}
