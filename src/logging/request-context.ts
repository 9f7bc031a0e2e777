import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** The request (or the job a request queued) that the code now running works for. */
interface RequestContext {
  requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's id is kept when it is short and plain (a proxy's uuid or trace id), else replaced. */
const VALID_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request id of the request being served or the job being run, if any. */
export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

/** Runs `fn` on behalf of `requestId` (a job the request queued, in the worker). */
export function runWithRequestId<T>(requestId: string | undefined, fn: () => T): T {
  return requestId ? context.run({ requestId }, fn) : fn();
}

/**
 * First middleware of the API: one id per request, the caller's `X-Request-ID` when valid, else a
 * new uuid. It is answered in the same header, logged on every line of the request (pino-http
 * reads req.id) and put into the jobs the request queues (JobsService).
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof given === 'string' && VALID_ID.test(given) ? given : randomUUID();
  (req as Request & { id?: string }).id = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  context.run({ requestId }, next);
}
