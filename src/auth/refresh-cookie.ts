import type { CookieOptions, Request, Response } from 'express';

/** The web app's refresh token: httpOnly, so page scripts never see it; sent only to /api/auth. */
export const REFRESH_COOKIE = 'overstap_refresh';
export const REFRESH_TTL_MS = 14 * 24 * 3600 * 1000;

function options(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/api/auth', secure };
}

/** Max-Age is the refresh token's lifetime (Express also writes the matching Expires). */
export function setRefreshCookie(res: Response, token: string, secure: boolean): void {
  res.cookie(REFRESH_COOKIE, token, { ...options(secure), maxAge: REFRESH_TTL_MS });
}

export function clearRefreshCookie(res: Response, secure: boolean): void {
  res.clearCookie(REFRESH_COOKIE, options(secure));
}

export function readRefreshCookie(req: Request): string | undefined {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value ? value : undefined;
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(req: { headers?: Record<string, unknown> }): string | undefined {
  const header = req.headers?.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
}
