import { WorkerHost } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService } from '@nestjs/core';
import { createServer, Server } from 'node:http';
import { EnvironmentVariables } from '../config/env.validation';
import { HealthService } from '../src/health/health.service';
import { Metrics } from '../src/metrics/metrics';
import { metricsAccess } from '../src/metrics/metrics-access';

/**
 * The worker's own small HTTP server on WORKER_PORT (it has no other):
 * - GET /health: 200 while the database and Redis answer and every queue's worker runs, else 503
 *   (the container's health check);
 * - GET /metrics: its Prometheus figures (rounds, e-mails, process), with METRICS_TOKEN as the API.
 */
export async function startWorkerHttp(
  app: INestApplicationContext,
  port: number,
  host = '0.0.0.0',
): Promise<Server> {
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const health = app.get(HealthService);
  const metrics = app.get(Metrics);
  const hosts = app
    .get(DiscoveryService)
    .getProviders()
    .map((w) => w.instance)
    .filter((i): i is WorkerHost => i instanceof WorkerHost);

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const json = (status: number, body: object) =>
      send(status, 'application/json; charset=utf-8', JSON.stringify(body));
    if (req.method !== 'GET') return json(405, { statusCode: 405, message: 'GET only' });
    if (path === '/health') {
      void health.check().then((report) => {
        const consuming = hosts.every((h) => h.worker.isRunning());
        const ok = report.status === 'ok' && consuming;
        json(ok ? 200 : 503, {
          ...report,
          status: ok ? 'ok' : 'error',
          workers: consuming ? 'up' : 'down',
        });
      });
      return;
    }
    if (path === '/metrics') {
      const access = metricsAccess(
        config.get('METRICS_TOKEN', { infer: true }),
        req.headers.authorization,
      );
      if (access === 'disabled') return json(404, { statusCode: 404, message: 'Niet gevonden' });
      if (access === 'denied')
        return json(401, { statusCode: 401, message: 'Geen of een onjuiste metrics-token' });
      void metrics.render().then(
        (text) => send(200, metrics.contentType(), text),
        () => json(500, { statusCode: 500, message: 'metrics failed' }),
      );
      return;
    }
    json(404, { statusCode: 404, message: 'Niet gevonden' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
