import type { NextFunction, Request, Response } from 'express';
import { routeOf } from '../logging/logger-params';
import { Metrics } from './metrics';

/** Times every request into http_request_duration_seconds, by route pattern (never the raw URL). */
export function httpMetricsMiddleware(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () =>
      end({ method: req.method, route: routeOf(req), status_code: String(res.statusCode) }),
    );
    next();
  };
}
