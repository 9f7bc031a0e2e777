/** The pages before log-in: log in, forgot password, choose a new password. */
import {
  Alert,
  Anchor,
  Button,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, toApiError } from '../api/client';
import { errorMessage } from '../api/errors';
import { useSession } from '../auth/session';
import { CodeInput } from '../components/CodeInput';
import { t } from '../messages';

export function PublicFrame({
  title,
  children,
  maw = 440,
}: {
  title: string;
  children: ReactNode;
  maw?: number;
}) {
  useEffect(() => {
    document.title = `${title} · ${t.appName}`;
  }, [title]);
  return (
    <main className="public-page">
      <Paper p="xl" radius="lg" shadow="lg" w="100%" maw={maw}>
        <Stack gap="lg">
          <Stack gap={4} align="center">
            <img src="/favicon.svg" alt="" width={48} height={48} />
            <Text fw={700} size="xl" c="blue.9">
              {t.appName}
            </Text>
            <Text size="sm" c="dimmed" ta="center">
              {t.appTagline}
            </Text>
          </Stack>
          <Title order={1} size="h3">
            {title}
          </Title>
          {children}
        </Stack>
      </Paper>
    </main>
  );
}

async function postJson(path: string, body: object): Promise<void> {
  let res: Response;
  try {
    res = await window.fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (!res.ok) {
    throw toApiError(res.status, await res.json().catch(() => ({})));
  }
}

export function LoginPage() {
  const { me, login, loginWithCode, starting } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Set when the password was right and a code from the authenticator app must follow.
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  // A recovery code has letters: the phone's keyboard of digits would not type it.
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (!starting && me) return <Navigate to={from} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await login(email.trim(), password);
      if (result.done) navigate(from, { replace: true });
      else {
        setPassword('');
        setChallenge(result.challenge);
      }
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t.auth.invalid : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (e: FormEvent) => {
    e.preventDefault();
    if (!challenge || !code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await loginWithCode(challenge, code.trim());
      navigate(from, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && /opnieuw in/.test(err.message)) {
        setChallenge(null);
        setError(t.auth.challengeExpired);
      } else {
        setError(
          err instanceof ApiError && err.status === 401 ? t.auth.codeWrong : errorMessage(err),
        );
      }
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  if (challenge) {
    return (
      <PublicFrame title={t.auth.codeTitle}>
        <Text size="sm">{t.auth.codeIntro}</Text>
        <form onSubmit={submitCode} noValidate>
          <Stack gap="md">
            {error && (
              <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
                {error}
              </Alert>
            )}
            <CodeInput
              key={recovery ? 'recovery' : 'code'}
              label={recovery ? t.auth.recoveryCode : t.auth.code}
              description={recovery ? t.auth.recoveryCodeHint : undefined}
              allowRecovery={recovery}
              autoComplete={recovery ? 'off' : 'one-time-code'}
              autoFocus
              value={code}
              onChange={setCode}
            />
            <Button type="submit" loading={busy} fullWidth>
              {t.auth.verify}
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              ta="center"
              onClick={() => {
                setRecovery(!recovery);
                setCode('');
              }}
            >
              {recovery ? t.auth.useApp : t.auth.useRecovery}
            </Anchor>
            <Anchor
              component="button"
              type="button"
              size="sm"
              ta="center"
              onClick={() => {
                setChallenge(null);
                setCode('');
                setError(null);
              }}
            >
              {t.auth.otherAccount}
            </Anchor>
          </Stack>
        </form>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame title={t.auth.loginTitle}>
      <Text size="sm">{t.auth.loginIntro}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {error && (
            <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t.auth.email}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t.auth.password}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy} fullWidth>
            {t.auth.login}
          </Button>
          <Anchor component={Link} to="/wachtwoord-vergeten" size="sm" ta="center">
            {t.auth.forgot}
          </Anchor>
        </Stack>
      </form>
    </PublicFrame>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await postJson('/api/auth/password/forgot', { email: email.trim() });
      setSent(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicFrame title={t.auth.forgotTitle}>
      {sent ? (
        <Alert color="green" icon={<IconCircleCheck aria-hidden />} role="status">
          {t.auth.forgotSent}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t.auth.forgotIntro}</Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t.auth.email}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy} fullWidth>
              {t.auth.sendLink}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/inloggen" size="sm" ta="center">
        {t.auth.backToLogin}
      </Anchor>
    </PublicFrame>
  );
}

/** Checks a new password twice, in the browser, before the API sees it. */
export function usePasswordPair() {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const passwordError = password.length > 0 && password.length < 12 ? t.auth.tooShort : undefined;
  const repeatError = repeat.length > 0 && repeat !== password ? t.auth.mismatch : undefined;
  const valid = password.length >= 12 && password === repeat;
  return { password, setPassword, repeat, setRepeat, passwordError, repeatError, valid };
}

/** The new password and its repeat, each with its problem as it is typed. */
export function NewPasswordInputs({ pair }: { pair: ReturnType<typeof usePasswordPair> }) {
  return (
    <>
      <PasswordInput
        label={t.auth.newPassword}
        description={t.auth.passwordHint}
        autoComplete="new-password"
        required
        value={pair.password}
        onChange={(e) => pair.setPassword(e.currentTarget.value)}
        error={pair.passwordError}
      />
      <PasswordInput
        label={t.auth.repeatPassword}
        autoComplete="new-password"
        required
        value={pair.repeat}
        onChange={(e) => pair.setRepeat(e.currentTarget.value)}
        error={pair.repeatError}
      />
    </>
  );
}

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const pair = usePasswordPair();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!pair.valid || !token) return;
    setBusy(true);
    setError(null);
    try {
      await postJson('/api/auth/password/reset', { token, password: pair.password });
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 400 ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicFrame title={t.auth.resetTitle}>
      {!token ? (
        <Alert color="red" role="alert">
          {t.auth.resetMissingToken}
        </Alert>
      ) : done ? (
        <Alert color="green" icon={<IconCircleCheck aria-hidden />} role="status">
          {t.auth.resetDone}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <NewPasswordInputs pair={pair} />
            <Button type="submit" loading={busy} disabled={!pair.valid} fullWidth>
              {t.auth.setPassword}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/inloggen" size="sm" ta="center">
        {t.auth.backToLogin}
      </Anchor>
    </PublicFrame>
  );
}
