import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a scrape may read /metrics: `disabled` without METRICS_TOKEN (answered 404, so the
 * endpoint is never public by accident), `denied` without the right `Authorization: Bearer` (401).
 */
export function metricsAccess(
  token: string | undefined,
  authorization: string | undefined,
): 'allowed' | 'denied' | 'disabled' {
  if (!token) return 'disabled';
  const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b) ? 'allowed' : 'denied';
}
