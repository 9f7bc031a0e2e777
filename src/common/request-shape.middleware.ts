import { HttpException, HttpStatus } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { normalizeErrorBody } from './errors';
import { checkInput } from './validation';

/** The routes that take another body than JSON, and which types (besides application/json). */
const OTHER_BODIES: { path: RegExp; types: string[] }[] = [
  // The offers import: the CSV as a text/csv body, or a file from the web app (multipart).
  {
    path: /^\/api\/seasons\/[^/]+\/offers\/import\/?$/i,
    types: ['text/csv', 'multipart/form-data'],
  },
];

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && Number(length) > 0;
}

/**
 * Before every route under /api:
 * - a non-empty body must be application/json (or what the route takes besides: OTHER_BODIES),
 *   else 415. A text/plain or XML body was read as an empty one: a dry run became a real round and
 *   PATCHes answered 200 having changed nothing. An empty body without a type stays allowed.
 * - the parsed JSON body and the query pass InputSafetyPipe's checks (__proto__, constructor,
 *   prototype; lone surrogates; NUL; depth) on every route, also one that does not read them.
 */
export function requestShapeMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (!/^\/api(\/|$)/i.test(req.path)) return next();
  if (WITH_BODY.has(req.method) && hasBody(req)) {
    const other = OTHER_BODIES.find((o) => o.path.test(req.path));
    const types = ['application/json', ...(other?.types ?? [])];
    if (!req.headers['content-type'] || !req.is(types)) {
      const message = `Dit type inhoud wordt niet geaccepteerd; stuur ${types.join(' of ')}`;
      res
        .status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .json(normalizeErrorBody(HttpStatus.UNSUPPORTED_MEDIA_TYPE, { message }));
      return;
    }
  }
  try {
    checkInput(req.query, '');
    if (req.is('application/json')) checkInput(req.body, '');
  } catch (e) {
    if (e instanceof HttpException) {
      res.status(e.getStatus()).json(normalizeErrorBody(e.getStatus(), e.getResponse()));
      return;
    }
    throw e;
  }
  next();
}
