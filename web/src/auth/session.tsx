/**
 * Who is logged in. On start the app tries the refresh cookie once (a reload keeps the session);
 * the access token then stays in memory and is refreshed a minute before it expires.
 */
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import {
  api,
  call,
  cancelRefresh,
  rawFetch,
  onSessionChange,
  onTwoFactorRequired,
  refreshSession,
  scheduleRefresh,
  setAccessToken,
  toApiError,
} from '../api/client';

export type Role = 'coordinator' | 'advisor' | 'admin';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  schoolIds: string[];
  schools?: { id: string; name: string; brin: string }[];
  regionName?: string;
  /** enrolmentRequired: this session may only enrol a second factor (the app shows nothing else) */
  twoFactor?: { enabled: boolean; required: boolean; enrolmentRequired: boolean };
}

/** After the password: done, or a challenge to send with a code from the authenticator app. */
export type LoginResult = { done: true } | { done: false; challenge: string };

interface Session {
  me: Me | null;
  /** true until the first refresh attempt has answered */
  starting: boolean;
  login(email: string, password: string): Promise<LoginResult>;
  loginWithCode(challenge: string, code: string): Promise<void>;
  logout(): Promise<void>;
  reloadMe(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    return (await call(api.GET('/api/users/me'))) as unknown as Me;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [starting, setStarting] = useState(true);
  const queryClient = useQueryClient();

  useEffect(() => {
    let live = true;
    void (async () => {
      const ok = await refreshSession();
      const who = ok ? await fetchMe() : null;
      if (live) {
        setMe(who);
        setStarting(false);
      }
    })();
    const off = onSessionChange((signedIn) => {
      if (!signedIn) {
        setMe(null);
        queryClient.clear();
      }
    });
    // A region that starts requiring a second factor holds a running session: show enrolment.
    const offTwoFactor = onTwoFactorRequired(() => {
      void fetchMe().then((who) => live && setMe(who));
    });
    return () => {
      live = false;
      off();
      offTwoFactor();
    };
  }, [queryClient]);

  const post = useCallback(
    async (path: string, payload: object): Promise<Record<string, unknown>> => {
      const res = await window.fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...payload, useCookie: true }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw toApiError(res.status, body);
      return body;
    },
    [],
  );

  const start = useCallback(
    async (body: Record<string, unknown>) => {
      setAccessToken(body.accessToken as string);
      scheduleRefresh(body.expiresIn as number);
      queryClient.clear();
      setMe(await fetchMe());
    },
    [queryClient],
  );

  const login = useCallback(
    async (email: string, password: string): Promise<LoginResult> => {
      const body = await post('/api/auth/login', { email, password });
      if (typeof body.challenge === 'string') return { done: false, challenge: body.challenge };
      await start(body);
      return { done: true };
    },
    [post, start],
  );

  const loginWithCode = useCallback(
    async (challenge: string, code: string) => {
      await start(await post('/api/auth/login/two-factor', { challenge, code }));
    },
    [post, start],
  );

  const logout = useCallback(async () => {
    await rawFetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    cancelRefresh();
    setAccessToken(null);
    queryClient.clear();
    setMe(null);
  }, [queryClient]);

  const reloadMe = useCallback(async () => setMe(await fetchMe()), []);

  const value = useMemo(
    () => ({ me, starting, login, loginWithCode, logout, reloadMe }),
    [me, starting, login, loginWithCode, logout, reloadMe],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The logged-in user; only for pages behind the log-in. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
