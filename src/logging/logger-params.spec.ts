import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp, Options } from 'pino-http';
import type { DestinationStream } from 'pino';
import { loggerParams, pinoLevel, routeOf } from './logger-params';

/** A request as Express leaves it once routed, and a response that can finish. */
function exchange(over: Record<string, unknown> = {}) {
  const req = Object.assign(new EventEmitter(), {
    method: 'PATCH',
    url: '/api/transfer-requests/0b7c?q=Sanne%20de%20Vries',
    headers: { authorization: 'Bearer secret-token', cookie: 'overstap_refresh=abc' },
    body: { firstName: 'Sanne', supportNeeds: 'dyslexie' },
    id: 'req-12345678',
    route: { path: '/api/transfer-requests/:id' },
    user: { id: 'user-1' },
    ...over,
  });
  const res = Object.assign(new EventEmitter(), { statusCode: 200, writableEnded: true });
  return {
    req: req as unknown as IncomingMessage,
    res: res as unknown as ServerResponse,
    finish: () => res.emit('finish'),
  };
}

describe('loggerParams', () => {
  it('maps LOG_LEVEL (Nest names) to pino levels', () => {
    expect(pinoLevel('error')).toBe('error');
    expect(pinoLevel('warn')).toBe('warn');
    expect(pinoLevel('log')).toBe('info');
    expect(pinoLevel('debug')).toBe('debug');
    expect(pinoLevel('verbose')).toBe('trace');
  });

  it('writes JSON to stdout in production and tests, pino-pretty lines in development', () => {
    for (const nodeEnv of ['production', 'test'] as const) {
      const { pinoHttp: p } = loggerParams({ service: 'api', nodeEnv, logLevel: 'log' });
      expect(Array.isArray(p)).toBe(false);
      expect((p as Options).level).toBe('info');
    }
    const dev = loggerParams({ service: 'api', nodeEnv: 'development', logLevel: 'warn' }).pinoHttp;
    expect(Array.isArray(dev)).toBe(true);
    const [options, stream] = dev as [Options, DestinationStream];
    expect(options.level).toBe('warn');
    expect(typeof stream.write).toBe('function');
  });

  it('one access line: method, route pattern, status, duration, user and request id; no URL, query, body or headers', () => {
    const out: string[] = [];
    const params = loggerParams({
      service: 'api',
      nodeEnv: 'production',
      logLevel: 'log',
      destination: { write: (s: string) => void out.push(s) },
    }).pinoHttp as [Options, DestinationStream];
    const middleware = pinoHttp(...params);
    const { req, res, finish } = exchange();
    middleware(req, res, () => undefined);
    finish();
    expect(out).toHaveLength(1);
    const line = JSON.parse(out[0]);
    expect(line).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      pid: expect.any(Number),
      hostname: expect.any(String),
      name: 'api',
      requestId: 'req-12345678',
      method: 'PATCH',
      route: '/api/transfer-requests/:id',
      status: 200,
      durationMs: expect.any(Number),
      userId: 'user-1',
      msg: expect.stringMatching(/^PATCH \/api\/transfer-requests\/:id 200 \d+ms$/),
    });
    for (const leak of ['Sanne', 'dyslexie', 'secret-token', 'abc', '0b7c'])
      expect(out[0]).not.toContain(leak);
  });

  it('writes a 5xx at error level, and nothing for probes and scrapes', () => {
    const out: string[] = [];
    const params = loggerParams({
      service: 'api',
      nodeEnv: 'production',
      logLevel: 'log',
      destination: { write: (s: string) => void out.push(s) },
    }).pinoHttp as [Options, DestinationStream];
    const middleware = pinoHttp(...params);
    const failing = exchange();
    (failing.res as { statusCode: number }).statusCode = 500;
    middleware(failing.req, failing.res, () => undefined);
    failing.finish();
    expect(JSON.parse(out[0])).toMatchObject({ level: 'error', status: 500 });
    for (const url of ['/health', '/health/ready', '/metrics']) {
      const probe = exchange({ url, route: undefined });
      middleware(probe.req, probe.res, () => undefined);
      probe.finish();
    }
    expect(out).toHaveLength(1);
  });
});

describe('routeOf', () => {
  const req = (over: Record<string, unknown>) =>
    ({ method: 'GET', url: '/', ...over }) as unknown as IncomingMessage;
  it('is the matched pattern, else (static) for the web app or (unmatched)', () => {
    expect(routeOf(req({ url: '/api/x/1', route: { path: '/api/x/:id' } }))).toBe('/api/x/:id');
    // A middleware's wildcard mount is not a route.
    expect(routeOf(req({ url: '/api/nope', route: { path: '/api{/*splat}' } }))).toBe(
      '(unmatched)',
    );
    expect(routeOf(req({ url: '/leerlingen/123?q=Jan' }))).toBe('(static)');
    expect(routeOf(req({ url: '/leerlingen', method: 'POST' }))).toBe('(unmatched)');
  });
});
