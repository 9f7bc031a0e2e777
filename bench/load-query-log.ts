/**
 * Preloaded into the API process by `npm run bench:load` when LOAD_QUERIES=1 (node -r): counts
 * every SQL statement per route and times it, so that the bench can print the queries per request
 * (an N+1 shows as a count that grows with the page) and the statements that cost the most.
 * Opt-in because AsyncLocalStorage and the timing cost the API a few per cent.
 * The bench asks for the figures over IPC ('dump') and they are reset after each answer.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = require('pg') as typeof import('pg');

export interface RouteQueries {
  requests: number;
  queries: number;
  dbMs: number;
  /** Statements run more than once per request on average: an N+1 shows here. */
  repeated?: { sql: string; perRequest: number }[];
}
export interface StatementStats {
  sql: string;
  count: number;
  totalMs: number;
  maxMs: number;
}
export interface QueryDump {
  routes: Record<string, RouteQueries>;
  statements: StatementStats[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** `GET /api/proposals/<uuid>/accept?x=1` → `GET /proposals/:id/accept`, as the bench names routes. */
export const routeOf = (method: string, url: string) =>
  `${method} ${url
    .split('?')[0]
    .replace(/^\/api/, '')
    .replace(UUID, ':id')}`;

const store = new AsyncLocalStorage<string>();
let routes = new Map<string, RouteQueries>();
let statements = new Map<string, StatementStats>();
let perRoute = new Map<string, Map<string, number>>();

type Emit = (this: http.Server, event: string, ...args: unknown[]) => boolean;
const emit = http.Server.prototype.emit as Emit;
http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
  if (event !== 'request') return emit.call(this, event, ...args);
  const req = args[0] as http.IncomingMessage;
  const route = routeOf(req.method ?? 'GET', req.url ?? '/');
  const r = routes.get(route) ?? { requests: 0, queries: 0, dbMs: 0 };
  r.requests++;
  routes.set(route, r);
  return store.run(route, () => emit.call(this, event, ...args));
} as typeof http.Server.prototype.emit;

function record(sql: string, ms: number): void {
  const route = store.getStore();
  const key = sql.replace(/\s+/g, ' ').trim().slice(0, 400);
  if (route) {
    const r = routes.get(route);
    if (r) {
      r.queries++;
      r.dbMs += ms;
    }
    const m = perRoute.get(route) ?? new Map<string, number>();
    m.set(key, (m.get(key) ?? 0) + 1);
    perRoute.set(route, m);
  }
  const s = statements.get(key) ?? { sql: key, count: 0, totalMs: 0, maxMs: 0 };
  s.count++;
  s.totalMs += ms;
  s.maxMs = Math.max(s.maxMs, ms);
  statements.set(key, s);
}

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
  const config = args[0] as string | { text?: string };
  const sql = typeof config === 'string' ? config : (config?.text ?? '');
  const t0 = performance.now();
  const out = (query as (...a: unknown[]) => unknown).apply(this, args);
  if (out && typeof (out as Promise<unknown>).then === 'function')
    (out as Promise<unknown>).then(
      () => record(sql, performance.now() - t0),
      () => record(sql, performance.now() - t0),
    );
  return out;
} as typeof pg.Client.prototype.query;

process.on('message', (m: unknown) => {
  if (m !== 'dump') return;
  for (const [route, r] of routes) {
    const repeated = [...(perRoute.get(route) ?? [])]
      .map(([sql, n]) => ({ sql, perRequest: n / r.requests }))
      .filter((x) => x.perRequest >= 1.5)
      .sort((a, b) => b.perRequest - a.perRequest);
    if (repeated.length) r.repeated = repeated;
  }
  const out: QueryDump = {
    routes: Object.fromEntries(routes),
    statements: [...statements.values()].sort((a, b) => b.totalMs - a.totalMs).slice(0, 25),
  };
  routes = new Map();
  statements = new Map();
  perRoute = new Map();
  process.send?.({ queries: out });
});
