import { INestApplication } from '@nestjs/common';
import * as net from 'node:net';
import request from 'supertest';

/** A TCP relay we can cut, to take "the database" away from a running app. */
function relay(target: URL): Promise<{ port: number; cut: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        cut: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    ),
  );
}

async function freePort(): Promise<number> {
  const { freePort: fp } = await import('../scripts/services');
  return fp();
}

describe('GET /health and /health/ready when a dependency is down', () => {
  let app: INestApplication;
  let cutDatabase: () => Promise<void>;
  // BullMQ prints an error nobody listens to with its stack trace.
  const consoleErrors = jest.spyOn(console, 'error');

  beforeAll(async () => {
    const db = new URL(process.env.DATABASE_URL as string);
    const r = await relay(new URL(db.toString()));
    cutDatabase = r.cut;
    db.hostname = '127.0.0.1';
    db.port = String(r.port);
    process.env.DATABASE_URL = db.toString();
    // Nothing listens on this port: Redis is "down" from the start.
    process.env.REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
    const { createTestApp } = await import('./app');
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is 503 naming Redis when nothing listens on its port', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body).toEqual({ status: 'error', database: 'up', redis: 'down' });
    // Readiness (Terminus) fails on the same ground; liveness does not look at dependencies.
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({
      status: 'error',
      error: { redis: { status: 'down' } },
      details: { database: { status: 'up' }, migrations: { status: 'up' } },
    });
    await request(app.getHttpServer()).get('/health/live').expect(200);
  });

  it('keeps the unreachable Redis out of the error output (the queues report it as a warning)', () => {
    expect(consoleErrors).not.toHaveBeenCalled();
  });

  it('is 503 naming the database once its connection is cut', async () => {
    await cutDatabase();
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body).toEqual({ status: 'error', database: 'down', redis: 'down' });
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({
      status: 'error',
      error: {
        database: { status: 'down' },
        redis: { status: 'down' },
        migrations: { status: 'down', message: 'database unreachable' },
      },
    });
    await request(app.getHttpServer()).get('/health/live').expect(200);
  });
});
