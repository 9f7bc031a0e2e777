/**
 * The container's health check: exits 0 when the URL answers 2xx within 3 s, else 1. The image
 * has no curl or wget. `node dist/scripts/healthcheck.js http://127.0.0.1:3000/health/ready`
 */
const url = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? 3000}/health/ready`;

fetch(url, { signal: AbortSignal.timeout(3000) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
