import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import pino, { DestinationStream, Level, Logger, LoggerOptions } from 'pino';
import type { Options } from 'pino-http';
import type { EnvironmentVariables } from '../../config/env.validation';

type Req = IncomingMessage & {
  id?: string;
  baseUrl?: string;
  originalUrl?: string;
  route?: { path?: unknown };
  user?: { id?: string };
};

export interface LoggerSettings {
  /** Which process writes the line: `name` in every JSON line. */
  service: 'api' | 'worker';
  nodeEnv: EnvironmentVariables['NODE_ENV'];
  logLevel: EnvironmentVariables['LOG_LEVEL'];
  /** Where lines go instead of stdout (tests capture them). */
  destination?: DestinationStream;
}

/** LOG_LEVEL keeps Nest's names (log, verbose); pino calls them info and trace. */
export function pinoLevel(level: EnvironmentVariables['LOG_LEVEL']): Level {
  return ({ error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' } as const)[
    level
  ];
}

/** Probes and scrapes come every few seconds; an access line for each would drown the rest. */
const NOT_LOGGED = /^\/(health(\/|$)|metrics$)/;

// originalUrl: a mounted router (NestJS 12's) takes its mount path off `url` by the time we log.
const pathOf = (req: IncomingMessage) => ((req as Req).originalUrl ?? req.url ?? '/').split('?')[0];

/**
 * The route pattern (`/api/transfer-requests/:id`), never the raw URL: a path may carry ids and
 * a query string may carry a searched name. Requests no route took are only told apart as the
 * web app's files (`(static)`) or `(unmatched)`.
 */
export function routeOf(req: IncomingMessage): string {
  const r = req as Req;
  // A wildcard is a middleware's mount (nestjs-pino's `/api{/*splat}`), not a route that matched.
  if (typeof r.route?.path === 'string' && !r.route.path.includes('*'))
    return `${r.baseUrl ?? ''}${r.route.path}`;
  const isApi = pathOf(req).startsWith('/api/') || pathOf(req) === '/api';
  return !isApi && (req.method === 'GET' || req.method === 'HEAD') ? '(static)' : '(unmatched)';
}

/** The access line: what was asked and how it went, and by whom (an id) — never a body or query. */
function accessFields(req: IncomingMessage, res: ServerResponse, durationMs: unknown) {
  return {
    method: req.method,
    route: routeOf(req),
    status: res.statusCode,
    durationMs,
    userId: (req as Req).user?.id ?? null,
  };
}

/** pino-pretty when it is installed (a devDependency): one coloured line per entry. */
function prettyStream(): DestinationStream | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (o: object) => DestinationStream;
    return pretty({
      colorize: true,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,name,context',
      messageFormat: '{if context}[{context}] {end}{msg}',
    });
  } catch {
    return undefined;
  }
}

/** What every line has, in every process: its name, an ISO time, the level as a word. */
function baseOptions(s: LoggerSettings): LoggerOptions {
  return {
    name: s.service,
    level: pinoLevel(s.logLevel),
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Nothing logs headers; should a line ever carry them, these stay out.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
  };
}

const destinationOf = (s: LoggerSettings) =>
  s.destination ?? (s.nodeEnv === 'development' ? prettyStream() : undefined);

/** A plain logger for a script outside Nest (migrations at the container's start). */
export function processLogger(s: LoggerSettings): Logger {
  const destination = destinationOf(s);
  return destination ? pino(baseOptions(s), destination) : pino(baseOptions(s));
}

/**
 * nestjs-pino's settings for both processes: JSON lines on stdout in production and tests,
 * pino-pretty's readable lines in development; LOG_LEVEL honoured; one access line per request.
 */
export function loggerParams(s: LoggerSettings): Params {
  const options: Options = {
    ...baseOptions(s),
    // requestIdMiddleware has set req.id; the fallback covers an app without it.
    genReqId: (req) => (req as Req).id ?? randomUUID(),
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    // Lines inside a request carry only its id; the access line adds the fields below.
    quietReqLogger: true,
    quietResLogger: true,
    serializers: { req: (req: Req) => ({ id: req.id, method: req.method }) },
    autoLogging: { ignore: (req) => NOT_LOGGED.test(pathOf(req)) },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: (req, res, val: { durationMs: number }) =>
      accessFields(req, res, val.durationMs),
    customErrorObject: (req, res, _err, val: { durationMs: number }) =>
      accessFields(req, res, val.durationMs),
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${routeOf(req)} ${res.statusCode} ${ms}ms`,
    customErrorMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
  };
  const destination = destinationOf(s);
  return { pinoHttp: destination ? [options, destination] : options };
}
